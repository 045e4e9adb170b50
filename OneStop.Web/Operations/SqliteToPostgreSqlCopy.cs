using System.Data.Common;
using System.Diagnostics;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using OneStop.Domain.Persistence;

namespace OneStop.Web.Operations;

/// <summary>Rows of one table on each side after the copy.</summary>
public sealed record TableCount(string Table, long Source, long Target)
{
    public bool Matches => Source == Target;
}

/// <summary>What the copy did: every table's counts, and whether it was committed.</summary>
public sealed record CopyResult(IReadOnlyList<TableCount> Tables, bool Committed, TimeSpan Elapsed);

/// <summary>The copy was not started because an argument or a database is not as it must be; nothing changed.</summary>
public sealed class CopyRefusedException(string message) : Exception(message);

/// <summary>The copy started and failed; its transaction was rolled back, so the target's tables are empty.</summary>
public sealed class CopyFailedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Moves a SQLite center onto an empty PostgreSQL database: applies PostgreSQL's migrations there, then copies every
/// table of the EF model (found in the model, so a table added later comes along by itself), keys included, in
/// foreign-key order, each through one binary COPY, all in one transaction; moves the identity sequences past the copied
/// keys; counts every table on both sides and commits only if every count matches.
/// Values go through the model's converters on both sides: read as SQLite's provider stores them (UTC instants as text,
/// enums as strings), turned into the model's value, written as PostgreSQL's column type wants it, as EF would have.
/// The Hangfire job store is not in the model and is not copied: on SQLite it is a file of its own, and the recurring
/// jobs are registered again by every start (on PostgreSQL in the same database, schema "hangfire").
/// </summary>
public sealed class SqliteToPostgreSqlCopy(string sourceConnectionString, string targetConnectionString, TextWriter progress)
{
    public async Task<CopyResult> RunAsync(CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var source = await OpenSourceAsync(ct);
        await CheckTargetAsync(ct);

        var contexts = OneStopDatabase.PostgreSqlContexts(targetConnectionString);
        await using var target = await contexts.CreateDbContextAsync(ct);
        progress.WriteLine("Applying PostgreSQL's migrations on the target…");
        await target.Database.MigrateAsync(ct);

        // A snapshot of the source: one read transaction (WAL) for every table, so counts and rows agree even if an app
        // still writes to the file. Rows written after it are not copied: stop the app first.
        await using var snapshot = (SqliteTransaction)await source.BeginTransactionAsync(ct);
        await target.Database.OpenConnectionAsync(ct);
        await using var tx = await target.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)target.Database.GetDbConnection();
        // A node starting on the target now waits for this commit before it decides whether to seed the demo center.
        await target.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({DatabaseInitializer.SeedLockKey})", ct);
        var full = await NonEmptyTablesAsync(connection, ct);
        if (full.Count > 0) throw NotEmpty(full);

        var sqliteModel = OneStopDbContext.SharedModel;
        var counts = new List<TableCount>();
        foreach (var entity in TablesInForeignKeyOrder(target.Model))
        {
            var table = entity.GetTableName()!;
            var sourceEntity = sqliteModel.FindEntityType(entity.Name)
                ?? throw new CopyFailedException($"{table}: not in SQLite's model.");
            var sourceCount = await ScalarAsync(source, snapshot, $"SELECT COUNT(*) FROM \"{sourceEntity.GetTableName()}\"", ct);
            progress.Write($"  {table,-28} {sourceCount,10:n0} rows… ");
            await CopyTableAsync(source, snapshot, sourceEntity, connection, entity, ct);
            var targetCount = await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM \"{table}\"", ct);
            progress.WriteLine(targetCount == sourceCount ? "copied" : $"{targetCount:n0} arrived");
            counts.Add(new TableCount(table, sourceCount, targetCount));
        }
        if (counts.Any(c => !c.Matches))
        {
            await tx.RollbackAsync(ct);
            return new CopyResult(counts, Committed: false, watch.Elapsed);
        }
        await OneStopSql.ResyncKeysAsync(target, ct: ct);
        await tx.CommitAsync(ct);
        // A freshly filled database has no statistics until autovacuum gets to it (see DatabaseInitializer).
        await target.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return new CopyResult(counts, Committed: true, watch.Elapsed);
    }

    /// <summary>Every table of the model, each after the tables its foreign keys point to.</summary>
    public static IReadOnlyList<IEntityType> TablesInForeignKeyOrder(IModel model)
    {
        var entities = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        var shared = entities.GroupBy(e => e.GetTableName()).FirstOrDefault(g => g.Count() > 1);
        if (shared is not null)
            throw new CopyFailedException($"Table {shared.Key} holds several entity types ({string.Join(", ", shared.Select(e => e.ClrType.Name))}): the copy does not know how to split it.");
        var ordered = new List<IEntityType>();
        var done = new HashSet<IEntityType>();
        while (done.Count < entities.Count)
        {
            // Alphabetical among the ready ones, so the order (and the printed table) is the same every run.
            var ready = entities.Where(e => !done.Contains(e)
                    && e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || done.Contains(fk.PrincipalEntityType)))
                .OrderBy(e => e.GetTableName(), StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
                throw new CopyFailedException($"The foreign keys of {string.Join(", ", entities.Where(e => !done.Contains(e)).Select(e => e.GetTableName()))} form a cycle: no order copies them.");
            ordered.AddRange(ready);
            done.UnionWith(ready);
        }
        return ordered;
    }

    private async Task<SqliteConnection> OpenSourceAsync(CancellationToken ct)
    {
        SqliteConnectionStringBuilder builder;
        try { builder = new SqliteConnectionStringBuilder(sourceConnectionString); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new CopyRefusedException($"--from \"{sourceConnectionString}\": not a SQLite connection string (Data Source=path/to/onestop.db): {e.Message}");
        }
        var path = builder.DataSource;
        if (string.IsNullOrWhiteSpace(path) || path == ":memory:")
            throw new CopyRefusedException("--from: must name the SQLite file (Data Source=path/to/onestop.db).");
        if (!File.Exists(path)) throw new CopyRefusedException($"--from: no file at {Path.GetFullPath(path)}.");
        // Read only: the copy never writes to the center it copies (and an absent file is not created).
        builder.Mode = SqliteOpenMode.ReadOnly;
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(ct);
            var options = new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite(connection).UseModel(OneStopDbContext.SharedModel).Options;
            await using var db = new OneStopDbContext(options);
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
            var all = db.Database.GetMigrations().ToList();
            if (applied.Count == 0)
                throw new CopyRefusedException($"--from {path}: not a OneStop database (it has no OneStop migration history).");
            if (!applied.SequenceEqual(all))
                throw new CopyRefusedException(
                    $"--from {path}: must be at the latest migration ({all[^1]}); it is at {applied[^1]}. " +
                    "Start this version of the app on it once (it applies migrations at start), stop it, and copy again.");
            return connection;
        }
        catch (SqliteException e)
        {
            await connection.DisposeAsync();
            throw new CopyRefusedException($"--from {path}: cannot be read as a SQLite database: {e.Message}");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Before anything changes: the server answers, the target names a database, and its tables are empty.</summary>
    private async Task CheckTargetAsync(CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = new NpgsqlConnectionStringBuilder(targetConnectionString); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new CopyRefusedException($"--to: not a PostgreSQL connection string (Host=…;Database=…;Username=…): {e.Message}");
        }
        if (string.IsNullOrWhiteSpace(builder.Host)) throw new CopyRefusedException("--to: must name the server (Host=…).");
        if (string.IsNullOrWhiteSpace(builder.Database)) throw new CopyRefusedException("--to: must name the database (Database=…).");
        var where = $"{builder.Host}:{builder.Port}/{builder.Database}";
        await using var connection = new NpgsqlConnection(builder.ToString());
        try { await connection.OpenAsync(ct); }
        // The database does not exist yet: the migrations create it (the user needs CREATEDB), so it is empty.
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName) { return; }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new CopyRefusedException($"--to {where}: cannot connect: {e.Message}");
        }
        var full = await NonEmptyTablesAsync(connection, ct);
        if (full.Count > 0) throw NotEmpty(full);
    }

    private CopyRefusedException NotEmpty(IReadOnlyList<string> tables) => new(
        $"--to {new NpgsqlConnectionStringBuilder(targetConnectionString).Database}: must be empty, but {string.Join(", ", tables)} already hold rows. " +
        "Copy onto a new database (or drop this one's OneStop tables); nothing was changed.");

    /// <summary>The model's tables that exist on the target and hold at least one row.</summary>
    private static async Task<List<string>> NonEmptyTablesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var full = new List<string>();
        foreach (var entity in TablesInForeignKeyOrder(Domain.Persistence.PostgreSql.PostgreSqlOneStopDbContext.PostgreSqlModel))
        {
            var table = entity.GetTableName()!;
            var schema = entity.GetSchema() ?? "public";
            if (await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM pg_tables WHERE schemaname = '{schema}' AND tablename = '{table}'", ct) == 0) continue;
            if (await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM (SELECT 1 FROM \"{schema}\".\"{table}\" LIMIT 1) AS one", ct) > 0) full.Add(table);
        }
        return full;
    }

    private static async Task CopyTableAsync(SqliteConnection source, SqliteTransaction snapshot, IEntityType sourceEntity,
        NpgsqlConnection target, IEntityType entity, CancellationToken ct)
    {
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var sourceStore = StoreObjectIdentifier.Table(sourceEntity.GetTableName()!, sourceEntity.GetSchema());
        var columns = entity.GetProperties().Select(p =>
        {
            var sp = sourceEntity.FindProperty(p.Name) ?? throw new CopyFailedException($"{table}.{p.Name}: not in SQLite's model.");
            var sourceMapping = sp.GetRelationalTypeMapping();
            return new Column(
                SourceName: sp.GetColumnName(sourceStore)!,
                TargetName: p.GetColumnName(store)!,
                // "character varying(16)" → "character varying": COPY wants the type's name, the length is the column's business.
                TargetType: p.GetColumnType(store).Split('(')[0],
                Read: Reader(Nullable.GetUnderlyingType(sourceMapping.Converter?.ProviderClrType ?? sourceMapping.ClrType)
                             ?? sourceMapping.Converter?.ProviderClrType ?? sourceMapping.ClrType),
                FromSource: sourceMapping.Converter,
                ToTarget: p.GetRelationalTypeMapping().Converter);
        }).ToArray();

        await using var select = source.CreateCommand();
        select.Transaction = snapshot;
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.SourceName}\""))} FROM \"{sourceEntity.GetTableName()}\"";
        long row = 0;
        try
        {
            await using var reader = await select.ExecuteReaderAsync(ct);
            await using var writer = await target.BeginBinaryImportAsync(
                $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.TargetName}\""))}) FROM STDIN (FORMAT BINARY)", ct);
            while (await reader.ReadAsync(ct))
            {
                row++;
                await writer.StartRowAsync(ct);
                for (var i = 0; i < columns.Length; i++)
                {
                    if (await reader.IsDBNullAsync(i, ct)) { await writer.WriteNullAsync(ct); continue; }
                    var c = columns[i];
                    var value = c.Read(reader, i);
                    if (c.FromSource is not null) value = c.FromSource.ConvertFromProvider(value)!;
                    if (c.ToTarget is not null) value = c.ToTarget.ConvertToProvider(value)!;
                    await writer.WriteAsync(value, c.TargetType, ct);
                }
            }
            await writer.CompleteAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidCastException or FormatException or InvalidOperationException or ArgumentException)
        {
            var detail = e is PostgresException pg && pg.Where is { Length: > 0 } w ? $" ({w})" : "";
            throw new CopyFailedException($"Table {table}, near row {row:n0}: {e.Message}{detail}", e);
        }
    }

    private sealed record Column(string SourceName, string TargetName, string TargetType,
        Func<DbDataReader, int, object> Read, ValueConverter? FromSource, ValueConverter? ToTarget);

    private static readonly System.Reflection.MethodInfo GetFieldValue =
        typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    /// <summary>reader.GetFieldValue&lt;T&gt;(i) for the provider's type T, boxed: Microsoft.Data.Sqlite parses its text
    /// forms (dates, GUIDs, decimals) as EF's SQLite provider wrote them.</summary>
    private static Func<DbDataReader, int, object> Reader(Type type)
    {
        var reader = Expression.Parameter(typeof(DbDataReader));
        var ordinal = Expression.Parameter(typeof(int));
        return Expression.Lambda<Func<DbDataReader, int, object>>(
            Expression.Convert(Expression.Call(reader, GetFieldValue.MakeGenericMethod(type), ordinal), typeof(object)), reader, ordinal).Compile();
    }

    private static async Task<long> ScalarAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct));
    }
}
