using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace OneStop.Domain.Persistence;

/// <summary>
/// What our hand-written SQL needs to know about the provider under it. The statements themselves are written once in
/// the SQL both engines speak (double-quoted names, @-named parameters, RETURNING, CASE, TRUE); only what has no common
/// form branches here: SQLite's PRAGMAs and index hints, PostgreSQL's identity sequences.
/// </summary>
public static class OneStopSql
{
    public static bool IsPostgreSql(DbConnection connection) => connection.GetType().Name == "NpgsqlConnection";

    /// <summary>
    /// True when a write failed on a constraint another writer satisfied first: SQLite's error 19 (what the callers
    /// always caught there), PostgreSQL's unique_violation 23505. Looks at the exception and its inner one, so both a
    /// DbUpdateException and a raw command's exception qualify.
    /// </summary>
    public static bool IsUniqueViolation(Exception e) => (e as DbException ?? e.InnerException as DbException) switch
    {
        Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 } => true,
        Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    /// <summary>
    /// After rows were inserted with their keys given (the demo seed, a generator, a test's fixed ids), moves each such
    /// table's identity sequence past the largest key, so the next row the database numbers does not collide.
    /// SQLite's AUTOINCREMENT follows the largest key by itself: nothing to do there.
    /// </summary>
    public static async Task ResyncKeysAsync(OneStopDbContext db, IEnumerable<IEntityType>? only = null, CancellationToken ct = default)
    {
        if (!db.IsPostgreSql) return;
        foreach (var entity in only ?? db.Model.GetEntityTypes())
        {
            if (entity.FindPrimaryKey() is not { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } key] }
                || key.ClrType != typeof(int) && key.ClrType != typeof(long)) continue;
            var table = entity.GetTableName()!;
            var column = key.GetColumnName(StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
            // setval(seq, max, true): the next value is max + 1; on an empty table, setval(seq, 1, false): the next is 1.
            await db.Database.ExecuteSqlRawAsync(
                $"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), COALESCE(MAX(\"{column}\"), 1), MAX(\"{column}\") IS NOT NULL) FROM \"{table}\"", ct);
        }
    }
}
