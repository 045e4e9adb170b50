using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OneStop.Domain.Persistence;

/// <summary>
/// Inserts many rows through one prepared command inside the caller's transaction, using the EF
/// model for table and column names and value converters (UTC instants, enums as strings), so
/// rows look exactly as if EF had written them. EF Core 10's SaveChanges (batched, change detection off) takes 5 to 8
/// times as long: the demo seed's 291,573 rows in 22.8 to 26.3 s against 3.4 to 4.8 s (`sql-vs-ef`, 05/12/2026), which
/// matters for the first start, the CSV import and the data generator.
/// </summary>
public sealed class BulkInserter(OneStopDbContext db)
{
    /// <summary>Inserts the rows as they are, keys included (generators that number their own rows).</summary>
    public Task<int> InsertAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class =>
        InsertAsync(rows, generateKeys: false, ct);

    /// <summary>
    /// With <paramref name="generateKeys"/>, the database numbers the rows (an autoincrement key is left out of the insert)
    /// and each row's key property is set from the database's RETURNING, as EF would after SaveChanges.
    /// </summary>
    public async Task<int> InsertAsync<T>(IEnumerable<T> rows, bool generateKeys, CancellationToken ct = default) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var key = generateKeys
            ? entity.FindPrimaryKey() is { Properties: [{ ValueGenerated: ValueGenerated.OnAdd } k] } ? k
              : throw new InvalidOperationException($"{typeof(T).Name} has no single generated key.")
            : null;
        var columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null && p != key)
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, Converter: p.GetTypeMapping().Converter))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                  $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})" +
                  (key is null ? "" : $" RETURNING \"{key.GetColumnName(store)}\"");
        if (connection is Npgsql.NpgsqlConnection npgsql)
            return key is null ? await CopyAsync(npgsql, entity, table, store, columns, rows, ct) : await BatchAsync(npgsql, sql, key, columns, rows, ct);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@p" + i;
            command.Parameters.Add(parameters[i]);
        }
        // SQLite prepares once for all the rows; Npgsql would want each parameter's type before the first value, and
        // prepares statements it sees often by itself when the connection string asks (Max Auto Prepare).
        if (!OneStopSql.IsPostgreSql(connection)) command.Prepare();

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                parameters[i].Value = ProviderValue(columns[i], row) ?? DBNull.Value;
            }
            if (key is null) await command.ExecuteNonQueryAsync(ct);
            else key.PropertyInfo!.SetValue(row, Convert.ChangeType(await command.ExecuteScalarAsync(ct), key.ClrType));
            count++;
        }
        return count;
    }

    /// <summary>
    /// PostgreSQL: the rows go through one binary COPY, the server's own bulk path (a round trip per row, as above, took
    /// the demo seed from 5 s to over three minutes). Each value is written as its column's store type, after the same
    /// converters; the table's sequence is then moved past the keys the rows brought.
    /// </summary>
    private async Task<int> CopyAsync<T>(Npgsql.NpgsqlConnection connection, IEntityType entity, string table, StoreObjectIdentifier store,
        (IProperty Property, string Column, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)[] columns,
        IEnumerable<T> rows, CancellationToken ct)
    {
        // "character varying(16)" → "character varying": COPY wants the type's name, the length is the column's business.
        var types = columns.Select(c => c.Property.GetColumnType(store).Split('(')[0]).ToArray();
        var count = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in rows)
            {
                await writer.StartRowAsync(ct);
                for (var i = 0; i < columns.Length; i++)
                {
                    var value = ProviderValue(columns[i], row);
                    if (value is null) await writer.WriteNullAsync(ct);
                    else await writer.WriteAsync(value, types[i], ct);
                }
                count++;
            }
            await writer.CompleteAsync(ct);
        }
        if (count > 0) await OneStopSql.ResyncKeysAsync(db, [entity], ct);
        return count;
    }

    /// <summary>
    /// PostgreSQL with keys from the database (the sweep's events and messages, webhook deliveries): the rows' INSERTs go
    /// in batches of <see cref="RowsPerBatch"/>, each batch one round trip (NpgsqlBatch), instead of a round trip per row;
    /// each statement's RETURNING gives its row's key, in order.
    /// </summary>
    private async Task<int> BatchAsync<T>(Npgsql.NpgsqlConnection connection, string sql, IProperty key,
        (IProperty Property, string Column, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter)[] columns,
        IEnumerable<T> rows, CancellationToken ct)
    {
        var count = 0;
        var transaction = (Npgsql.NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var chunk in rows.Chunk(RowsPerBatch))
        {
            await using var batch = new Npgsql.NpgsqlBatch(connection, transaction);
            foreach (var row in chunk)
            {
                var command = new Npgsql.NpgsqlBatchCommand(sql);
                for (var i = 0; i < columns.Length; i++) command.Parameters.AddWithValue("p" + i, ProviderValue(columns[i], row) ?? DBNull.Value);
                batch.BatchCommands.Add(command);
            }
            await using var reader = await batch.ExecuteReaderAsync(ct);
            foreach (var row in chunk)
            {
                if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"{key.DeclaringType.DisplayName()}: an insert returned no key.");
                key.PropertyInfo!.SetValue(row, Convert.ChangeType(reader.GetValue(0), key.ClrType));
                await reader.NextResultAsync(ct);
            }
            count += chunk.Length;
        }
        return count;
    }

    /// <summary>Rows per round trip on PostgreSQL when the database numbers them: a sweep batch's events fit in one or two.</summary>
    internal const int RowsPerBatch = 500;

    /// <summary>A row's value for a column as the database stores it: after the model's converter, as EF writes it.</summary>
    private static object? ProviderValue<T>((IProperty Property, string Column, Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter? Converter) column, T row)
    {
        var value = column.Property.PropertyInfo!.GetValue(row);
        return value is not null && column.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }
}
