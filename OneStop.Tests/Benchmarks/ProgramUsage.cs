namespace OneStop.Benchmarks;

public static partial class Program
{
    public const string Usage = """
        OneStop benchmarks.

          suite [--dossiers N] [--open N] [--years Y]
              Everything issue 9 measures, in one run: the overview and the busiest queue against their SQL floors,
              the sweep quiet and with 1% and 5% of the open dossiers changing, a million appointments, then the
              load harnesses (live fan-out at 100 circuits, ingestion). Ends with a Markdown table of figures
              against targets, also written to BenchmarkDotNet.Artifacts/performance.md.

          generate --dossiers N --open N [--years Y] [--seed S] [--now 2026-11-18T10:30+07:00] --out FILE
              Creates FILE (replacing it): migrations, the demo catalog and N generated dossiers over Y years
              (default 3) up to "now" (default Wednesday 18/11/2026 10:30 in Vietnam), exactly --open of them open.

          [--dossiers N] [--open N] [--years Y] <BenchmarkDotNet arguments, e.g. --filter '*Overview*'>
              Runs benchmarks on a generated database (default 1,000,000 dossiers, 50,000 open, 3 years),
              made on first use and cached under $ONESTOP_BENCH_CACHE or the system temp folder.

          sweep-profile [--dossiers N] [--open N] [--changed N] [--runs N]
              Puts --changed dossiers (default 1% of the open) back one deadline class and times the sweep that moves
              them again, --runs times (default 5): a quick look without BenchmarkDotNet's statistics.

          job-sweep [--dossiers N] [--open N] [--runs N]
              The sweep as the scheduler runs it: the job host over the settled database, "run now" from the jobs
              page's service, 0, 1% and 5% of the open dossiers put back first; prints the run's median duration
              (from its JobRun row) and the time from the request to its start, over --runs runs (default 5).

          fanout [--client browser|protocol] [--circuits N] [--changes N]
              The live fan-out: the app with its demo data hosted in this process, N Chromium pages on the overview
              (default 100), M dossiers received one after another (default 20); prints p50/p95 of the time from each
              commit to the new figure in every page, and the server's memory with one circuit and with N.
              --client protocol opens the circuits without a browser (SignalR + blazorpack, in one child process;
              latency up to the render batch carrying the new figure); last line circuits= p50_ms= p95_ms= rss_mb= managed_mb=.

          crossnode --postgres CONNECTION [--changes N]
              Two web nodes in this process on a new database of the PostgreSQL server CONNECTION (dropped afterwards):
              N dossiers (default 200) received through node A at random gaps; prints p50/p95 of the time from A's
              commit to node B's live hub publishing the change, with the tailer's poll alone and then with
              LISTEN/NOTIFY (README, Several web nodes).

          profile [--dossiers N] [--open N] [--years Y] [--data FILE] [--runs N]
              Runs the overview and the floor alternately (default 11 runs), prints their times, the median of
              the per-run ratio, then each SQL command EF sent with its time and SQLite's query plan (on FILE,
              generated for the same options, or on the cached file).

          ingest [--dossiers N] [--workers W] [--base N]
              Load harness of the ingestion API's domain path: N dossiers (default 2,000), each PUT and then four events
              (handover, handover, approved, returned), by W concurrent callers (default 4), on a fresh file with a
              generated history of --base dossiers (default 50,000). Prints dossiers and events per second.

          firstrender --app NAME=URL [--app NAME=URL …] [--paths /,/queues/SCT] [--runs N]
              First render of pages of apps already running (e.g. two builds side by side), signed in as the director:
              the prerendered GET (to the last byte), and in a fresh Chromium page the time to the content and to the
              live circuit. Apps and paths take turns run by run (default 10 runs after one warm-up); prints medians.

          sql-vs-ef [--batch N] [--runs N]
              Times our four hand-written SQL paths against EF Core 10 on the same data: the overview's results per day
              and the monthly report's figures (on the million-dossier file), a deadline-sweep batch (default 250 dossiers, as the sweep's batches) and the
              whole demo seed; --runs (default 7) runs each, alternating.

          monthly-vs-ef [--runs N]
              Only the monthly report's figures, our SQL against EF Core 10 LINQ (default 7 runs each, alternating).

          import [--rows N] [--base N]
              Timed CSV import of N rows of history (default 100,000) into a fresh file with --base dossiers (default 50,000).

          providers --postgres CONNECTION [--dossiers N] [--open N] [--years Y] [--runs N] [--sweep-runs N] [--ingest N] [--callers 1,8]
              The same data set on SQLite and on PostgreSQL (a database on the server CONNECTION, generated and settled on
              first use, then kept), side by side in one sitting, each provider in a child process: the overview against
              its hand-written floor (--runs, default 11), the sweep with 0, 1% and 5% of the open dossiers changing
              (--sweep-runs, default 7), ingestion of --ingest dossiers (default 2,000) by each number of --callers on a
              copy. Prints a Markdown table, also written to BenchmarkDotNet.Artifacts/providers.md.

          import-flood [--mb N]
              N MB (default 20) of bad CSV rows posted to the real app's import endpoint: the answer's size and the
              server's resident and managed memory before, at the peak and after.
        """;
}
