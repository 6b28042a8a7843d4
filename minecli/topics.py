"""The pages of `minecli help TOPIC`: short references that hold across commands. Their facts
follow README.md and docs/schema.md (tests/test_topics.py checks the exit statuses)."""

from __future__ import annotations

EXIT_CODES = """\
Exit statuses

  0  Success. A write that has happened stays a success even when its report
     cannot be printed (stdout or stderr closed or full), so a script never
     repeats it; output closed early (| head) is no failure either.
  1  Something expected went wrong: a country, resolution, meeting, field or
     source the store does not hold; invalid data (a broken TOML file, a value
     the schema rejects); a conflict with the store (an entry, profile or store
     that already exists; a profile changed while you edited it); a write to the
     read-only bundled store; the system refusing (a full disk, a read-only file
     system, a closed or full stdout for a read). check exits 1 when it finds an
     error; warnings alone leave it 0.
  2  A usage error: an unknown command or option, a missing argument, a value
     outside a closed set (--format xml, --status maybe, add-vote UZ 65/48
     maybe), options that cannot go together, an argument that is not UTF-8.

Every failure is one line on stderr that starts with "Error:", and stdout stays
empty. An error minecli did not expect (a bug) says so in its one line;
MINECLI_DEBUG=1 shows its traceback.

  minecli show XX; echo $?               # Error: unknown country 'XX', then 1
  minecli list --status maybe; echo $?   # a value outside a closed set: 2
"""

FORMATS = """\
Output formats: --format (-f)

  table  for people (the default): a table on a terminal; plain aligned
         columns, no colour and no wrapping when piped
  json   one JSON document: an array of rows (show: the profile record
         itself, an array when several states are asked for)
  jsonl  JSON Lines: one object a line
  csv    a header row of the keys, then one row a line
  tsv    the same, tab-separated; tabs and line breaks in values are
         written as \\t and \\n
  ids    one identifier a line (codes, resolution numbers, source ids),
         for a pipe into another command's -

Each command offers only the formats it has: its --help lists them, and
completion offers no others. Rows carry the same keys in every format, so a CSV
header is the list of JSON keys. Dates are ISO 8601 (partial dates stay
partial: 2004-05); lists become ;-joined text in CSV and TSV. Data goes to
stdout; messages, warnings and errors go to stderr.

Input: - in place of the countries (show, timeline, sources, votes, check,
export, search --in) reads codes or names from stdin, one a line; in place of
a file (import-votes, import-status) it reads the file from stdin. Either way
LF or CRLF line endings are taken, and blank lines and lines starting with #
are skipped. An error names the line:
Error: unknown country 'XX' (stdin line 3).

  minecli list --status not_party --format ids | minecli show - --format jsonl
  minecli votes --resolution 65/48 --format tsv | cut -f4 | sort | uniq -c
"""

FACT_PATHS = """\
Fact paths

set, unset, search and add-source --cites name the facts of a profile by path:

  name, official_name        the profile's own names
  un_membership              un_membership.admitted
  treaty                     treaty.status, treaty.signed, treaty.consent,
                             treaty.consent_type, treaty.entry_into_force,
                             treaty.withdrawal_notified,
                             treaty.withdrawal_effective
  ccw.<INSTRUMENT>           convention, protocol_ii (the 1980 protocol),
                             amended_protocol_ii, protocol_v; .party, .since
  votes.<RES>                a vote on a resolution: votes.65/48 (.vote, .note)
  meetings.<MEETING>         attendance: meetings.10MSP (.attended, .as)
  production, transfer       .status, .summary
  stockpile                  .status, .size, .origin, .summary (.types and
                             .holders are lists: edit them with minecli edit)
  use.<N>                    the Nth report of use: use.2 (.year, .date, .where)
  sections.<N>, sources.<N>  narrative text and sources (as search reports them)

Shorthands in set: ccw.protocol_v true sets its party; votes.65/48 abstain sets
the vote. Values are checked against the schema: full dates as YYYY-MM-DD
(YYYY-MM or YYYY where a partial date is allowed), the closed sets as listed in
docs/schema.md (treaty.status: state_party, signatory, not_party, withdrawn;
votes: yes, no, abstain, absent; ccw party: true, false, unknown). Shell
completion offers the paths a level at a time (treaty. -> treaty.status, ...)
and the values of a closed set.

  minecli set UZ treaty.signed 1997-12-03
  minecli set UZ votes.65/48 abstain --source 6
  minecli unset UZ stockpile.size
"""

STORE = """\
The store

A store is a folder of UTF-8 TOML files, each starting with schema = 1:

  countries/<CODE>.toml   one profile per state, named by its code in capitals
  resolutions.toml        the General Assembly resolutions on the treaty
  meetings.toml           the treaty's meetings

docs/schema.md documents every key. The store in use is the first of:

  1. --store <DIR>, before or after the command
  2. the MINECLI_STORE environment variable
  3. your user store, once minecli init has made it (in the user data folder,
     e.g. ~/.local/share/minecli/store on Linux)
  4. the bundled store that ships with minecli, which is read-only

Writes need a store of your own. Each one takes the store's lock, validates the
result, and replaces files atomically, all of them or none; keys minecli does
not know are kept, and a file holding a # comment is refused (minecli edit turns
comments into notes). Whole-store queries read an index kept in the user cache
folder and refreshed from the files as they change; MINECLI_NO_CACHE=1 bypasses
it, and deleting it loses nothing.

  minecli store                      # the store in use, and why
  minecli init                       # your own store: the bundled data, copied
  minecli --store ./team-store init  # a store in a folder of your choosing
"""

TERMINAL = """\
At a terminal: pager and colour

A long show or timeline goes through a pager when it is taller than the
screen. The pager is $MINECLI_PAGER, else $PAGER, else less (with LESS=FRX when
LESS is unset: it quits when the text fits and keeps the colours); an empty
value or cat means none. --no-pager, before or after the command, turns it off.
A pipe is never paged.

Colour has one meaning everywhere: votes (yes green, no red, abstain yellow),
statuses (State Party green, Signatory cyan, Not a State Party yellow,
Withdrawn red), check findings (error bold red, warning yellow), the Error: and
Warning: prefixes on stderr, and the --dry-run diff (removed red, added green).
Titles are bold. Colour is chosen by, in order:

  --color always|never   before or after the command
  NO_COLOR=1             no colour, even when forced
  FORCE_COLOR=1 or CLICOLOR_FORCE=1   colour and a terminal's layout, even
                         into a pipe
  otherwise              colour only when stdout is a terminal

stderr is coloured only when it is itself a terminal.

  minecli --no-pager show UZ
  minecli show UZ --color always | less -R
"""

# topic -> (one line for the list, the page)
TOPICS = {
    "exit-codes": ("What each exit status means, and how errors look.", EXIT_CODES),
    "formats": ("The output formats, and what - reads from stdin.", FORMATS),
    "fact-paths": ("How set, unset and search name the facts of a profile.", FACT_PATHS),
    "store": ("Where the data lives, and which store is used.", STORE),
    "terminal": ("The pager, and what colour means and when it is used.", TERMINAL),
}
