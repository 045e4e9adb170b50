using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.MultiNode;

/// <summary>
/// Two OneStop web nodes on one database, as a load balancer would have them: node A seeds the demo center, node B opens
/// the same database. On PostgreSQL both run a Hangfire server (the store allows it); on SQLite node B is a second app on
/// the same file with its jobs off, because one job file takes one server (JobsServices).
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    public OneStopApp A { get; private set; } = null!;
    public OneStopApp B { get; private set; } = null!;

    public Task InitializeAsync()
    {
        A = new OneStopApp(demo: true);
        B = new OneStopApp(demo: true, connectionString: A.ConnectionString, settings: new Dictionary<string, string>
        {
            ["OneStop:Jobs:Enabled"] = TestDatabase.PostgreSql ? "true" : "false",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await B.DisposeAsync(); // B only borrows A's database; A drops it
        await A.DisposeAsync();
    }

    /// <summary>
    /// Data Protection reading only the key ring in the database at <paramref name="connectionString"/>, as a node on
    /// another machine or folder would (no home folder, no key of its own); <paramref name="configure"/> adds, e.g., a certificate.
    /// </summary>
    public static ServiceProvider KeyRingFromDatabase(string connectionString, string applicationName = SharedKeyRing.ApplicationName,
        Action<IDataProtectionBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        OneStopDatabase.Register(services, TestDatabase.Provider, connectionString);
        var builder = services.AddDataProtection().SetApplicationName(applicationName)
            .PersistKeysToDbContext<OneStopDbContext>().DisableAutomaticKeyGeneration();
        configure?.Invoke(builder);
        return services.BuildServiceProvider();
    }

    /// <summary>Receives a counter dossier for Sở Nội vụ as postal1 through <paramref name="node"/>'s own workflow, as its counter page does.</summary>
    public static async Task<Dossier> ReceiveAsync(OneStopApp node)
    {
        await using var db = node.CreateDb();
        var postal1 = await db.Staff.SingleAsync(s => s.UserName == "postal1");
        var procedure = (await db.Procedures.Where(p => p.Department!.Code == "SNV").ToListAsync()).First(p => p.Allows(Channel.Counter));
        return await node.Services.GetRequiredService<DossierWorkflow>().ReceiveAsync(new IntakeRequest
        {
            ProcedureId = procedure.Id, Channel = Channel.Counter, ResultDelivery = ResultDelivery.Counter,
            ApplicantName = "Lê Văn Hùng", ApplicantPhone = "0914123456", ApplicantIdNumber = "045190001234",
            ApplicantAddress = "12 Lê Duẩn, Đông Hà, Quảng Trị",
        }, postal1.Id);
    }
}
