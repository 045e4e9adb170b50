namespace OneStop.Web.Operations;

/// <summary>
/// `OneStop.Web copy-database --from "Data Source=…" --to "Host=…;Database=…"`: the command line around
/// <see cref="SqliteToPostgreSqlCopy"/>, run by Program before any web host is built (nothing listens, no job runs).
/// Exit codes: 0 copied; 1 the copy failed or a count differed, and was rolled back (the target's tables are empty, a
/// second run may follow); 2 refused before anything changed (an argument, the source, or a target that is not empty).
/// </summary>
public static class CopyDatabaseCommand
{
    public const string Verb = "copy-database";
    public const int Copied = 0, RolledBack = 1, Refused = 2;

    public const string Help = """
        Usage: OneStop.Web copy-database --from <SQLite connection string> --to <PostgreSQL connection string>

        Moves a OneStop center from its SQLite file onto an empty PostgreSQL database, keys included.

          --from   The center's SQLite file, e.g. "Data Source=data/onestop.db". It must be at this version's latest
                   migration (start this version of the app on it once first). It is only read; stop the app before
                   copying, since rows written after the copy starts are not copied.
          --to     The PostgreSQL database, e.g. "Host=db1;Database=onestop;Username=onestop;Password=…". Its OneStop
                   tables must be empty or absent (a database that does not exist is created, given CREATEDB).
          --help   This text.

        What it does: applies PostgreSQL's migrations on the target, copies every table of the model in foreign-key
        order with binary COPY in one transaction, moves the id sequences past the copied ids, counts every table on
        both sides and commits only if all counts match. On any failure nothing is committed and it may simply be run
        again. Hangfire's job store (data/hangfire.db) is not copied: every start registers the recurring jobs again,
        on PostgreSQL in the same database.

        Exit codes: 0 copied; 1 failed and rolled back (target tables empty); 2 refused, nothing changed.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        string? from = null, to = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    output.WriteLine(Help);
                    return Copied;
                case "--from" or "--to" when i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    return Refuse(error, $"{args[i]}: needs a connection string after it.");
                case "--from":
                    from = args[++i];
                    break;
                case "--to":
                    to = args[++i];
                    break;
                default:
                    return Refuse(error, $"{args[i]}: unknown argument; the arguments are --from, --to and --help.");
            }
        }
        if (string.IsNullOrWhiteSpace(from)) return Refuse(error, "--from: missing; give the SQLite center, e.g. --from \"Data Source=data/onestop.db\".");
        if (string.IsNullOrWhiteSpace(to)) return Refuse(error, "--to: missing; give the PostgreSQL database, e.g. --to \"Host=localhost;Database=onestop;Username=onestop\".");

        CopyResult result;
        try
        {
            output.WriteLine($"Copying the OneStop center {from} onto PostgreSQL {Safe(to)}.");
            result = await new SqliteToPostgreSqlCopy(from, to, output).RunAsync(ct);
        }
        catch (CopyRefusedException e) { return Refuse(error, e.Message); }
        catch (CopyFailedException e)
        {
            output.WriteLine();
            error.WriteLine($"copy-database: failed, nothing was committed (the target's tables are empty; run again once fixed): {e.Message}");
            return RolledBack;
        }

        output.WriteLine();
        output.WriteLine($"{"Table",-28} {"SQLite",12} {"PostgreSQL",12}");
        foreach (var t in result.Tables)
            output.WriteLine($"{t.Table,-28} {t.Source,12:n0} {t.Target,12:n0}{(t.Matches ? "" : "   differs")}");
        var rows = result.Tables.Sum(t => t.Source);
        if (!result.Committed)
        {
            error.WriteLine($"copy-database: {result.Tables.Count(t => !t.Matches)} table(s) differ in row count ({string.Join(", ", result.Tables.Where(t => !t.Matches).Select(t => t.Table))}); " +
                            "rolled back, nothing was committed.");
            return RolledBack;
        }
        output.WriteLine($"All {result.Tables.Count} tables match: {rows:n0} rows copied and committed in {result.Elapsed.TotalSeconds:n1} s.");
        output.WriteLine("Now start the nodes with OneStop__Database__Provider=PostgreSql and ConnectionStrings__OneStop set to the target.");
        return Copied;
    }

    private static int Refuse(TextWriter error, string message)
    {
        error.WriteLine($"copy-database: {message}");
        error.WriteLine("Nothing was changed. See: OneStop.Web copy-database --help");
        return Refused;
    }

    /// <summary>The target without its password, for the log.</summary>
    private static string Safe(string connectionString)
    {
        try { return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = null }.ToString(); }
        catch (ArgumentException) { return "(unreadable connection string)"; }
    }
}
