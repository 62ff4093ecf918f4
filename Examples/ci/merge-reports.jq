# Merges the `--report json` of the shards of one run (`--shard K/N`) into the
# report an unsharded run prints: every file once, sorted by path; each
# diagnostic once (every shard reports the content's warnings); the summary
# counted again from the merged lists.
#
#   jq -s -f merge-reports.jq report-*.json > outreach-report.json
{
  outreach: .[0].outreach,
  mode: .[0].mode,
  manifest: .[0].manifest,
  output: .[0].output,
  ok: all(.[]; .ok),
  files: (map(.files) | add | sort_by(.path)),
  diagnostics: (map(.diagnostics) | add | unique)
}
| .summary = ((.files | group_by(.status) | map({key: .[0].status, value: length}) | from_entries)
    + {errors: (.diagnostics | map(select(.severity == "error")) | length),
       warnings: (.diagnostics | map(select(.severity == "warning")) | length)})
