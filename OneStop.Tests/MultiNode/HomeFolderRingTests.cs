using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OneStop.Domain.Persistence;
using OneStop.Domain.Webhooks;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.MultiNode;

/// <summary>
/// An upgrading center: its webhook secrets were protected by an older version with the home-folder key ring, whose
/// purpose began with the content root path. At the first start on the shared ring they are protected again with it,
/// once; a secret neither ring opens is left alone.
/// </summary>
public sealed class HomeFolderRingTests
{
    private const string OldContentRoot = "/srv/onestop/OneStop.Web";

    [Fact]
    public async Task Secrets_of_the_home_folder_ring_are_moved_to_the_database_ring_once()
    {
        using var home = new TempFolder();
        await using var app = new OneStopApp(demo: false);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        // The old version: ASP.NET's default ring in a folder, the content root as application name.
        var old = new WebhookSecrets(DataProtectionProvider.Create(new DirectoryInfo(home.Path), b => b.SetApplicationName(OldContentRoot)));
        var secret = WebhookSecrets.NewSecret();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            // The database of an upgrading center has no key yet (this test app's start may have made one).
            await db.DataProtectionKeys.ExecuteDeleteAsync();
            db.WebhookSubscriptions.AddRange(Subscription("Tổng đài SMS", old.Protect(secret)), Subscription("Không rõ", "CfDJ8-not-a-payload"));
            await db.SaveChangesAsync();
        }

        await using var shared = SharedRing(app.ConnectionString);
        var provider = shared.GetRequiredService<IDataProtectionProvider>();
        Assert.Equal(1, await SharedKeyRing.AdoptHomeFolderRingAsync(contexts, provider, home.Path, OldContentRoot, NullLogger.Instance));

        await using (var db = await contexts.CreateDbContextAsync())
        {
            var rows = await db.WebhookSubscriptions.OrderBy(s => s.Id).ToListAsync();
            Assert.Equal(secret, new WebhookSecrets(provider).Unprotect(rows[0].ProtectedSecret));
            Assert.Equal("CfDJ8-not-a-payload", rows[1].ProtectedSecret); // left as it was, named in the log
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        }
        // Once: the database has its ring now, so a second start changes nothing.
        Assert.Equal(0, await SharedKeyRing.AdoptHomeFolderRingAsync(contexts, provider, home.Path, OldContentRoot, NullLogger.Instance));
    }

    [Fact]
    public async Task Without_a_home_folder_ring_nothing_is_touched()
    {
        using var empty = new TempFolder();
        await using var app = new OneStopApp(demo: false);
        var contexts = app.Services.GetRequiredService<IDbContextFactory<OneStopDbContext>>();
        await using var shared = SharedRing(app.ConnectionString);
        var provider = shared.GetRequiredService<IDataProtectionProvider>();
        Assert.Equal(0, await SharedKeyRing.AdoptHomeFolderRingAsync(contexts, provider, empty.Path, OldContentRoot, NullLogger.Instance));
        Assert.Equal(0, await SharedKeyRing.AdoptHomeFolderRingAsync(contexts, provider, Path.Combine(empty.Path, "absent"), OldContentRoot, NullLogger.Instance));
    }

    private static WebhookSubscription Subscription(string name, string protectedSecret) => new()
    {
        Name = name, Url = "https://hooks.example.vn/onestop", Events = WebhookEvents.All, ProtectedSecret = protectedSecret,
        CreatedAt = OneStopApp.DefaultNow.UtcDateTime, CreatedByName = "Quản trị",
    };

    private static ServiceProvider SharedRing(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        OneStopDatabase.Register(services, TestDatabase.Provider, connectionString);
        services.AddDataProtection().SetApplicationName(SharedKeyRing.ApplicationName).PersistKeysToDbContext<OneStopDbContext>();
        return services.BuildServiceProvider();
    }
}
