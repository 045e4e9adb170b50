using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Persistence;

/// <summary>Writes generated demo data in one transaction: all of it, or nothing.</summary>
public sealed class DemoSeeder(OneStopDbContext db)
{
    public async Task WriteAsync(DemoData data, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var insert = new BulkInserter(db);
        await InsertCatalogAsync(insert, data, ct);
        await insert.InsertAsync(data.Dossiers, ct);
        await insert.InsertAsync(data.Pauses, ct);
        await insert.InsertAsync(data.Events, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The catalog part (departments to coverage), in foreign-key order, inside the caller's transaction.</summary>
    public static async Task InsertCatalogAsync(BulkInserter insert, DemoData data, CancellationToken ct = default)
    {
        await insert.InsertAsync(data.Departments, ct);
        await insert.InsertAsync(data.Fields, ct);
        await insert.InsertAsync(data.Procedures, ct);
        await insert.InsertAsync(data.Steps, ct);
        await insert.InsertAsync(data.Staff, ct);
        await insert.InsertAsync(data.Coverage, ct);
    }
}
