using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OneStop.Domain.Notifications;
using OneStop.Tests.Infrastructure;

namespace OneStop.Tests.Notifications;

/// <summary>The workflow fixture's migrated SQLite center plus the notification services, wired as DomainServices does.</summary>
public sealed class NotificationTestBed : IDisposable
{
    public WorkflowFixture F { get; } = new();
    public NotificationOptions Options { get; }
    public NotificationSignal Signal { get; } = new();
    public NotificationOutbox Outbox { get; }
    public NotificationDelivery Delivery { get; }
    public NotificationInbox Inbox { get; }
    private readonly ServiceProvider _services;

    public NotificationTestBed(Action<NotificationOptions>? configure = null)
    {
        Options = new NotificationOptions { Enabled = false };
        configure?.Invoke(Options);
        var opts = Microsoft.Extensions.Options.Options.Create(Options);
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var http = _services.GetRequiredService<IHttpClientFactory>();
        Outbox = new NotificationOutbox(opts, F.Clock, Signal);
        Delivery = new NotificationDelivery(F.Contexts, opts, new EmailSender(opts), new WebhookSender(http, opts), Signal);
        Inbox = new NotificationInbox(F.Contexts, F.Clock, Signal);
    }

    public DateTime Now => F.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Gives a staff member an e-mail address (the fixture's people have none).</summary>
    public void SetEmail(int staffId, string email)
    {
        using var db = F.Db();
        db.Staff.Find(staffId)!.Email = email;
        db.SaveChanges();
    }

    /// <summary>Adds a message for a person and commits it, as a job would in its own transaction.</summary>
    public async Task<IReadOnlyList<Notification>> NotifyAsync(int staffId, OutboxMessage message)
    {
        await using var db = F.Db();
        var rows = await Outbox.AddAsync(db, staffId, message);
        await Outbox.SaveAsync(db);
        return rows;
    }

    public List<Notification> Rows()
    {
        using var db = F.Db();
        return db.Notifications.OrderBy(n => n.Id).ToList();
    }

    public void Dispose()
    {
        _services.Dispose();
        F.Dispose();
    }
}
