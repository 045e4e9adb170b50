using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneStop.Domain.Persistence;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Notifications;

/// <summary>What to tell somebody; the outbox turns it into one row per channel they can receive.</summary>
/// <param name="Extra">What makes this message unique besides kind, dossier and recipient (a step, a rung, a date).</param>
public sealed record OutboxMessage(string Kind, string Subject, string Body, long? DossierId = null, string? DossierCode = null, string? Extra = null)
{
    /// <summary>Where the cause names its message itself (the deadline jobs' keys): the key before ":{channel}:{recipient}".</summary>
    public string? KeyPrefix { get; init; }
}

/// <summary>
/// Writes notifications into the caller's DbContext (and so the caller's transaction): the rows are
/// committed with their cause or not at all. Each row has a unique DedupeKey
/// "{kind}:{dossierId}:{extra}:{channel}:{recipient}"; a key already present is skipped, so a job that
/// runs twice adds nothing the second time.
/// </summary>
public sealed class NotificationOutbox(IOptions<NotificationOptions> options, TimeProvider time, NotificationSignal signal)
{
    private NotificationOptions Options => options.Value;

    /// <summary>The channels a person can receive: in-app always, e-mail when they have an address and SMTP is set up, the webhook when configured.</summary>
    public IReadOnlyList<NotificationChannel> ChannelsFor(Staff recipient)
    {
        var channels = new List<NotificationChannel> { NotificationChannel.InApp };
        if (Options.EmailConfigured && !string.IsNullOrWhiteSpace(recipient.Email)) channels.Add(NotificationChannel.Email);
        if (Options.WebhookConfigured) channels.Add(NotificationChannel.Webhook);
        return channels;
    }

    public static string DedupeKey(OutboxMessage m, NotificationChannel channel, int recipientId) =>
        $"{m.KeyPrefix ?? $"{m.Kind}:{m.DossierId}:{m.Extra}"}:{channel}:{recipientId}";

    /// <summary>
    /// Adds the message for the recipient (not saved: the caller's SaveChanges commits it with its cause).
    /// Returns the rows added; keys already in the database or already added to this context are skipped.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> AddAsync(OneStopDbContext db, Staff recipient, OutboxMessage message, CancellationToken ct = default)
    {
        var wanted = Wanted(recipient, message);
        // EF 10 sends the keys as parameters (one cached SQL per number of channels, at most three), by the unique index.
        var keys = wanted.Select(w => w.Key).ToArray();
        var present = (await db.Notifications.Where(n => keys.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(ct)).ToHashSet();
        return Add(db, recipient, message, wanted, present);
    }

    /// <summary>
    /// Adds the message like <see cref="AddAsync(OneStopDbContext, Staff, OutboxMessage, CancellationToken)"/> but leaves the
    /// check against the database to one <see cref="DropExistingAsync"/> for a whole batch of messages (the deadline sweep:
    /// one query per batch instead of a round trip per message, which on PostgreSQL was a fifth of a moved dossier's statements).
    /// Only keys already added to this context are skipped here.
    /// </summary>
    public IReadOnlyList<Notification> AddDeferringCheck(OneStopDbContext db, Staff recipient, OutboxMessage message) =>
        Add(db, recipient, message, Wanted(recipient, message), []);

    /// <summary>Detaches the added rows whose keys the database already holds (after <see cref="AddDeferringCheck"/>); returns how many.</summary>
    public static async Task<int> DropExistingAsync(OneStopDbContext db, CancellationToken ct = default)
    {
        var added = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).ToList();
        var present = new HashSet<string>();
        foreach (var chunk in added.Select(e => e.Entity.DedupeKey).Chunk(500)) // bounded parameter lists
            present.UnionWith(await db.Notifications.AsNoTracking().Where(n => chunk.Contains(n.DedupeKey)).Select(n => n.DedupeKey).ToListAsync(ct));
        var dropped = 0;
        foreach (var entry in added.Where(e => present.Contains(e.Entity.DedupeKey)))
        {
            entry.State = EntityState.Detached;
            dropped++;
        }
        return dropped;
    }

    private List<(NotificationChannel Channel, string Key)> Wanted(Staff recipient, OutboxMessage message) =>
        ChannelsFor(recipient).Select(c => (Channel: c, Key: DedupeKey(message, c, recipient.Id))).ToList();

    private List<Notification> Add(OneStopDbContext db, Staff recipient, OutboxMessage message, List<(NotificationChannel Channel, string Key)> wanted,
        HashSet<string> present)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // Local without DetectChanges: added rows are tracked as they are added, and scanning every tracked entity once
        // per message made a deadline sweep batch quadratic (250 dossiers × 250 scans).
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try { foreach (var local in db.Notifications.Local) present.Add(local.DedupeKey); }
        finally { db.ChangeTracker.AutoDetectChangesEnabled = detect; }

        var added = new List<Notification>();
        foreach (var (channel, key) in wanted)
        {
            if (present.Contains(key)) continue;
            var row = new Notification
            {
                DedupeKey = key,
                RecipientId = recipient.Id,
                Channel = channel,
                Kind = message.Kind,
                DossierId = message.DossierId,
                DossierCode = message.DossierCode,
                Subject = message.Subject,
                Body = message.Body,
                CreatedAt = now,
                Status = NotificationStatus.Pending,
                NextAttemptAt = now,
            };
            db.Notifications.Add(row);
            added.Add(row);
        }
        return added;
    }

    /// <summary>Same, by staff id; nothing is added for an unknown or inactive person.</summary>
    public async Task<IReadOnlyList<Notification>> AddAsync(OneStopDbContext db, int recipientId, OutboxMessage message, CancellationToken ct = default)
    {
        var staff = await db.Staff.AsNoTracking().FirstOrDefaultAsync(s => s.Id == recipientId && s.Active, ct);
        return staff is null ? [] : await AddAsync(db, staff, message, ct);
    }

    /// <summary>
    /// Saves the context; when another writer committed one of the same keys meanwhile (unique index),
    /// those rows are taken as "already there", dropped, and the rest saved again. Then signals the bell.
    /// With a caller-owned transaction, call <see cref="Committed"/> after the commit instead of relying on this signal.
    /// </summary>
    public async Task<int> SaveAsync(OneStopDbContext db, CancellationToken ct = default)
    {
        var rows = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var saved = await db.SaveChangesAsync(ct);
                if (db.Database.CurrentTransaction is null) Committed(rows.Where(r => db.Entry(r).State != EntityState.Detached));
                return saved;
            }
            catch (DbUpdateException e) when (attempt < 3 && IsDuplicateKey(e))
            {
                if (await DropExistingAsync(db, ct) == 0) throw;
            }
        }
    }

    /// <summary>Tells open bells that these rows are committed.</summary>
    public void Committed(IEnumerable<Notification> rows) =>
        signal.Raise(rows.Where(r => r.Channel == NotificationChannel.InApp).Select(r => r.RecipientId));

    /// <summary>After the caller's own transaction committed: tells open bells about the notifications this context wrote.</summary>
    public void CommittedIn(OneStopDbContext db) => Committed(db.ChangeTracker.Entries<Notification>().Select(e => e.Entity));

    /// <summary>True when the save failed on a UNIQUE constraint (SQLite error 19 extended 2067, PostgreSQL 23505).</summary>
    public static bool IsDuplicateKey(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } s => s.SqliteExtendedErrorCode == 2067 || s.Message.Contains("UNIQUE", StringComparison.OrdinalIgnoreCase),
        _ => OneStopSql.IsUniqueViolation(e),
    };
}
