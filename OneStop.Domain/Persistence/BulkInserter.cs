using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace OneStop.Domain.Persistence;

/// <summary>
/// Inserts many rows through one prepared command inside the caller's transaction, using the EF
/// model for table and column names and value converters (UTC instants, enums as strings), so
/// rows look exactly as if EF had written them. EF's change tracker costs ~50x more per row, which
/// matters for the demo seed (first start must stay under 30 s) and the data generator.
/// </summary>
public sealed class BulkInserter(OneStopDbContext db)
{
    public async Task<int> InsertAsync<T>(IEnumerable<T> rows, CancellationToken ct = default) where T : class
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = entity.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => p.PropertyInfo is not null)
            .Select(p => (Property: p, Column: p.GetColumnName(store)!, Converter: p.GetTypeMapping().Converter))
            .ToArray();

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = new DbParameter[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "$p" + i;
            command.Parameters.Add(parameters[i]);
        }
        command.Prepare();

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                var value = columns[i].Property.PropertyInfo!.GetValue(row);
                if (value is not null && columns[i].Converter is { } converter) value = converter.ConvertToProvider(value);
                parameters[i].Value = value ?? DBNull.Value;
            }
            await command.ExecuteNonQueryAsync(ct);
            count++;
        }
        return count;
    }
}
