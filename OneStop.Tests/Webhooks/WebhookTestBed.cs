using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneStop.Domain.Notifications;
using OneStop.Domain.Staffing;
using OneStop.Domain.Webhooks;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Webhooks;

/// <summary>The workflow fixture's center with the webhook services wired as WebhookServices does, plus an admin to be told.</summary>
public sealed class WebhookTestBed : IDisposable
{
    public const int Admin = 900;
    public WorkflowFixture F { get; } = new();
    public WebhookOptions Options { get; } = new() { AllowPrivateTargets = true, PauseAfterFailures = 3 };
    public NotificationOptions NotificationOptions { get; } = new() { Enabled = false, MaxAttempts = 5, BackoffSeconds = 30 };
    public IDataProtectionProvider Keys { get; } = new EphemeralDataProtectionProvider();
    /// <summary>What DNS answers, by host; a host not listed does not resolve.</summary>
    public Dictionary<string, IPAddress[]> Dns { get; } = new(StringComparer.OrdinalIgnoreCase);
    public WebhookTargetGuard Guard { get; }
    public WebhookSecrets Secrets { get; }
    public WebhookSubscriptions Subscriptions { get; }
    private readonly ServiceProvider _services;

    public WebhookTestBed()
    {
        Guard = new WebhookTargetGuard(Microsoft.Extensions.Options.Options.Create(Options), (host, _) =>
            Dns.TryGetValue(host, out var a) ? Task.FromResult(a) : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
        Secrets = new WebhookSecrets(Keys);
        Subscriptions = new WebhookSubscriptions(F.Contexts, F.Clock, Secrets, Guard);
        var services = new ServiceCollection();
        services.AddHttpClient(WebhookHttp.ClientName).ConfigurePrimaryHttpMessageHandler(() => WebhookHttp.Handler(Guard));
        _services = services.BuildServiceProvider();
        using var db = F.Db();
        db.Staff.Add(new Staff { Id = Admin, UserName = "admin", FullName = "Trương Công Minh", Role = StaffRole.Admin });
        db.SaveChanges();
    }

    /// <summary>A fresh dispatcher, as a restarted process would build it (same database, same key ring).</summary>
    public WebhookDispatcher Dispatcher() => new(F.Contexts, Microsoft.Extensions.Options.Options.Create(NotificationOptions),
        Microsoft.Extensions.Options.Options.Create(Options), Secrets, Guard, _services.GetRequiredService<IHttpClientFactory>(),
        new NotificationOutbox(Microsoft.Extensions.Options.Options.Create(NotificationOptions), F.Clock, new NotificationSignal()));

    public DateTime Now => F.Clock.GetUtcNow().UtcDateTime;

    public List<WebhookDelivery> Deliveries()
    {
        using var db = F.Db();
        return db.WebhookDeliveries.OrderBy(d => d.Id).ToList();
    }

    public WebhookSubscription Subscription(int id)
    {
        using var db = F.Db();
        return db.WebhookSubscriptions.Single(s => s.Id == id);
    }

    public void Dispose()
    {
        _services.Dispose();
        F.Dispose();
    }
}
