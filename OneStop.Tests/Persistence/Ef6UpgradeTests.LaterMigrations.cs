namespace OneStop.Tests.Persistence;

public sealed partial class Ef6UpgradeTests
{
    /// <summary>
    /// The migrations made after the last EF 6 one, with what each adds. The upgrade tests allow exactly these
    /// additions to the EF 6 file (new, empty tables; new columns on existing tables, the old columns and rows kept), so a
    /// new migration must be listed here, and one that drops or rewrites what EF 6 made still fails them.
    /// </summary>
    private static readonly (string Id, string[] NewTables, (string Table, string Column, bool Filled)[] NewColumns)[] LaterMigrations =
    [
        ("20261207010404_SessionStamps", ["StaffSessions"], [("Staff", "SecurityStamp", true)]),
        ("20261207013223_ApiKeyDepartments", [], [("ApiKeys", "DepartmentIds", false)]), // null: the key is not limited, as before
        ("20261207044958_WebhookSubscriptions", ["WebhookSubscriptions", "WebhookDeliveries"], []),
        ("20261207113446_SharedKeyRing", ["DataProtectionKeys"], []), // filled by Data Protection once the app runs
    ];

    private static IEnumerable<string> LaterTables => LaterMigrations.SelectMany(m => m.NewTables);

    private static HashSet<string> AlteredTables => LaterMigrations.SelectMany(m => m.NewColumns.Select(c => c.Table)).ToHashSet();

    /// <summary>
    /// A table's columns ("name|type|notnull|default|pk") and foreign keys as SQLite understands its CREATE statement,
    /// read from a scratch in-memory database: the same table whatever the whitespace of the stored statement.
    /// </summary>
    private static async Task<(List<string> Columns, List<string> ForeignKeys)> TableShapeAsync(string createSql, string table)
    {
        await using var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");
        await c.OpenAsync();
        await using (var create = c.CreateCommand()) { create.CommandText = createSql; await create.ExecuteNonQueryAsync(); }
        async Task<List<string>> RowsAsync(string pragma)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = $"PRAGMA {pragma}(\"{table}\");";
            await using var r = await cmd.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await r.ReadAsync())
                rows.Add(string.Join("|", Enumerable.Range(pragma == "table_info" ? 1 : 2, pragma == "table_info" ? 5 : r.FieldCount - 2)
                    .Select(i => r.IsDBNull(i) ? "" : r.GetValue(i).ToString())));
            return rows;
        }
        return (await RowsAsync("table_info"), await RowsAsync("foreign_key_list"));
    }

    private static HashSet<string> LaterColumns(string table, bool filledOnly = false) =>
        LaterMigrations.SelectMany(m => m.NewColumns).Where(c => c.Table == table && (c.Filled || !filledOnly)).Select(c => c.Column).ToHashSet();
}
