using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Persistence.Demo;

namespace OneStop.Domain.Persistence;

/// <summary>Writes generated demo data in one transaction (the caller's, when it has one): all of it, or nothing.</summary>
public sealed class DemoSeeder(OneStopDbContext db)
{
    public async Task WriteAsync(DemoData data, CancellationToken ct = default)
    {
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            var insert = new BulkInserter(db);
            await InsertCatalogAsync(insert, data, ct);
            await insert.InsertAsync(data.Dossiers, ct);
            await insert.InsertAsync(data.Pauses, ct);
            await insert.InsertAsync(data.Events, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
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
