using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Audit;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Webhooks;

/// <summary>A subscription just made (or given a new secret): the secret is here once and never again.</summary>
public sealed record NewWebhookSubscription(WebhookSubscription Subscription, string Secret);

/// <summary>
/// Registers, pauses, resumes, re-keys and removes subscriptions, and lists them with their deliveries. Every change
/// is audited (area "settings.webhook") in the same transaction as the change. Bad input throws
/// <see cref="DossierValidationException"/> keyed by field (Name, Url, Events), in the screen's language, and changes nothing.
/// </summary>
public sealed class WebhookSubscriptions(IDbContextFactory<OneStopDbContext> contexts, TimeProvider time, WebhookSecrets secrets, WebhookTargetGuard guard)
{
    public const string AuditArea = "settings.webhook";
    public const int MaxName = 100;

    public async Task<NewWebhookSubscription> CreateAsync(string? name, string? url, WebhookEvents events, int? actorId, string actorName,
        Uri? ownBase = null, CancellationToken ct = default)
    {
        guard.RememberOwnBase(ownBase);
        var errors = new Dictionary<string, string>();
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) errors["Name"] = UiText.Say("Tên: bắt buộc (ví dụ: «Tổng đài SMS»).", "Name: required (for example \"SMS gateway\").");
        else if (trimmed.Length > MaxName) errors["Name"] = UiText.Say($"Tên: tối đa {MaxName} ký tự.", $"Name: at most {MaxName} characters.");
        else if (Dossiers.TextRules.ControlCharacter(trimmed) is not null) errors["Name"] = UiText.Say("Tên: không được chứa ký tự điều khiển.", "Name: must not contain control characters.");
        if (await guard.RegistrationErrorAsync(url, ownBase, ct) is { } urlError) errors["Url"] = urlError;
        if (events == WebhookEvents.None || (events & ~WebhookEvents.All) != 0)
            errors["Events"] = UiText.Say("Sự kiện: chọn ít nhất một sự kiện.", "Events: choose at least one event.");
        if (errors.Count > 0) throw new DossierValidationException(errors);

        var secret = WebhookSecrets.NewSecret();
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var s = new WebhookSubscription
        {
            Name = trimmed, Url = url!.Trim(), Events = events, ProtectedSecret = secrets.Protect(secret),
            CreatedAt = now, CreatedById = actorId, CreatedByName = actorName,
        };
        // Two saves in one transaction: the audit names the subscription by the id the first one gave it.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.WebhookSubscriptions.Add(s);
        await db.SaveChangesAsync(ct);
        AuditLog.Add(db, now, actorId, actorName, AuditArea, "create", Subject(s), $"Địa chỉ: {s.Url}; sự kiện: {EventsText(events)}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new NewWebhookSubscription(s, secret);
    }

    /// <summary>A new secret (the old one stops working at once); shown once, like the first.</summary>
    public async Task<NewWebhookSubscription> RotateSecretAsync(int id, int? actorId, string actorName, CancellationToken ct = default)
    {
        var secret = WebhookSecrets.NewSecret();
        var s = await ChangeAsync(id, actorId, actorName, "rotate-secret", s => { s.ProtectedSecret = secrets.Protect(secret); return "Đổi khóa ký"; }, ct);
        return new NewWebhookSubscription(s, secret);
    }

    public Task<WebhookSubscription> PauseAsync(int id, int? actorId, string actorName, CancellationToken ct = default) =>
        ChangeAsync(id, actorId, actorName, "pause", s =>
        {
            if (s.PausedAt is not null) return null;
            s.PausedAt = Now;
            s.PausedReason = $"Tạm dừng bởi {actorName}";
            return "Tạm dừng gửi";
        }, ct);

    /// <summary>Sends again: the failure count starts over and the deliveries that waited are due now.</summary>
    public async Task<WebhookSubscription> ResumeAsync(int id, int? actorId, string actorName, CancellationToken ct = default)
    {
        var now = Now;
        var s = await ChangeAsync(id, actorId, actorName, "resume", s =>
        {
            if (s.PausedAt is null) return null;
            var why = s.PausedReason;
            s.PausedAt = null;
            s.PausedReason = null;
            s.ConsecutiveFailures = 0;
            return $"Gửi lại (trước đó: {why})";
        }, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.Status == WebhookDeliveryStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, now), ct);
        return s;
    }

    /// <summary>Stops for good: nothing new is queued, what waited is marked failed; the rows stay for the record.</summary>
    public async Task<WebhookSubscription> RemoveAsync(int id, int? actorId, string actorName, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id && x.RemovedAt == null, ct) ?? throw NotFound();
        s.RemovedAt = now;
        var waiting = await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.Status == WebhookDeliveryStatus.Pending).ToListAsync(ct);
        foreach (var d in waiting)
        {
            d.Status = WebhookDeliveryStatus.Failed;
            d.NextAttemptAt = null;
            d.LastError = "Subscription removed before delivery.";
        }
        AuditLog.Add(db, now, actorId, actorName, AuditArea, "remove", Subject(s), $"Địa chỉ: {s.Url}; {waiting.Count} lượt gửi đang chờ bị hủy");
        await db.SaveChangesAsync(ct);
        return s;
    }

    public async Task<IReadOnlyList<WebhookSubscription>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.WebhookSubscriptions.AsNoTracking().Where(s => s.RemovedAt == null).OrderBy(s => s.Id).ToListAsync(ct);
    }

    /// <summary>The latest deliveries (of one subscription, or all), newest first, without their bodies.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesAsync(int? subscriptionId = null, int take = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.WebhookDeliveries.AsNoTracking().Include(d => d.Subscription).AsQueryable();
        if (subscriptionId is { } id) q = q.Where(d => d.SubscriptionId == id);
        return await q.OrderByDescending(d => d.Id).Take(take).ToListAsync(ct);
    }

    private async Task<WebhookSubscription> ChangeAsync(int id, int? actorId, string actorName, string action, Func<WebhookSubscription, string?> change,
        CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id && x.RemovedAt == null, ct) ?? throw NotFound();
        if (change(s) is { } details)
        {
            AuditLog.Add(db, Now, actorId, actorName, AuditArea, action, Subject(s), details);
            await db.SaveChangesAsync(ct);
        }
        return s;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static DossierRuleException NotFound() =>
        new(UiText.Say("Không tìm thấy đăng ký webhook (có thể đã bị xóa).", "Webhook subscription not found (it may have been removed)."));

    internal static string Subject(WebhookSubscription s) => $"#{s.Id} «{s.Name}»";

    public static string EventsText(WebhookEvents events) => string.Join(", ", WebhookEventNames.Split(events).Select(WebhookEventNames.Of));
}
