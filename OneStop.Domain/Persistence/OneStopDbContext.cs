using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Persistence;

/// <summary>
/// The one EF model of OneStop. Used as it is on SQLite (the embedded default); <see cref="PostgreSql.PostgreSqlOneStopDbContext"/>
/// derives from it only so that PostgreSQL has its own migrations (EF's "one context type per provider").
/// </summary>
public class OneStopDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>
    /// The one model of the process, for <c>UseModel</c> wherever options carry more than the connection (the web host's
    /// logger factory, a profiler's interceptor). EF builds a model per internal service provider and makes a new provider
    /// for such options, and EF Core 10 refuses to run a compiled query (EF.CompileAsyncQuery, our hot paths) against
    /// another model than the one it was compiled for: two hosts in one process, or a host and a plain context, would
    /// otherwise fail. This is the model every plain <c>UseSqlite</c> context gets, so they share it too. PostgreSQL's
    /// is <see cref="PostgreSql.PostgreSqlOneStopDbContext.PostgreSqlModel"/>.
    /// </summary>
    public static IModel SharedModel => LazyModel.Value;

    private static readonly Lazy<IModel> LazyModel = new(() =>
    {
        using var db = new OneStopDbContext(new DbContextOptionsBuilder<OneStopDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Model;
    });

    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Field> Fields => Set<Field>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<ProcedureStep> ProcedureSteps => Set<ProcedureStep>();
    public DbSet<Staff> Staff => Set<Staff>();
    public DbSet<StaffCoverage> StaffCoverage => Set<StaffCoverage>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<Dossier> Dossiers => Set<Dossier>();
    public DbSet<DossierPause> DossierPauses => Set<DossierPause>();
    public DbSet<DossierEvent> DossierEvents => Set<DossierEvent>();
    public DbSet<CalendarOverrideRow> CalendarOverrides => Set<CalendarOverrideRow>();
    public DbSet<Notifications.Notification> Notifications => Set<Notifications.Notification>();
    public DbSet<Deadlines.JobRun> JobRuns => Set<Deadlines.JobRun>();
    public DbSet<Deadlines.DeadlineCursor> DeadlineCursors => Set<Deadlines.DeadlineCursor>();
    public DbSet<Audit.AuditEntry> AuditEntries => Set<Audit.AuditEntry>();
    public DbSet<Ingestion.ApiKey> ApiKeys => Set<Ingestion.ApiKey>();
    public DbSet<Ingestion.ExternalEventKey> ExternalEventKeys => Set<Ingestion.ExternalEventKey>();
    public DbSet<Settings.SettingRow> Settings => Set<Settings.SettingRow>();
    public DbSet<Reports.MonthlySnapshot> MonthlySnapshots => Set<Reports.MonthlySnapshot>();
    public DbSet<StaffAbsence> StaffAbsences => Set<StaffAbsence>();
    public DbSet<StaffQualification> StaffQualifications => Set<StaffQualification>();
    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    /// <summary>
    /// ASP.NET Data Protection's key ring (sign-in cookies, antiforgery tokens, webhook secrets), here so that every node
    /// of one center reads the same keys and a restart or a move keeps them (README, Several web nodes).
    /// </summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Statuses that are still open, as SQL, for partial indexes.</summary>
    internal const string OpenStatusFilter = "\"Status\" IN ('Received','InProgress','WaitingSupplement','ResultReady')";

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite hands DateTime back as Unspecified; every instant we store is UTC (STACK.md).
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.Entity<Department>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        b.Entity<Field>(e =>
        {
            e.HasIndex(x => new { x.DepartmentId, x.Code }).IsUnique();
            e.HasOne(x => x.Department).WithMany(d => d.Fields).HasForeignKey(x => x.DepartmentId);
        });
        b.Entity<Procedure>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.DepartmentId);
            e.Property(x => x.StatutoryUnit).HasConversion<string>().HasMaxLength(16);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Field).WithMany().HasForeignKey(x => x.FieldId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.ProcedureId);
        });
        b.Entity<ProcedureStep>(e =>
        {
            e.HasIndex(x => new { x.ProcedureId, x.Order }).IsUnique();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
        });
        b.Entity<Staff>(e =>
        {
            e.HasIndex(x => x.UserName).IsUnique();
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(24);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<StaffSession>(e =>
        {
            e.Property(x => x.Id).HasMaxLength(32);
            e.Property(x => x.EndReason).HasMaxLength(24);
            e.HasIndex(x => x.StaffId);
            e.HasOne<Staff>().WithMany().HasForeignKey(x => x.StaffId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Staff>().Property(x => x.SecurityStamp).HasMaxLength(32);
        b.Entity<StaffCoverage>(e =>
        {
            e.HasKey(x => new { x.StaffId, x.DepartmentId });
            e.HasOne(x => x.Staff).WithMany(s => s.Coverage).HasForeignKey(x => x.StaffId);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId);
        });
        b.Entity<Dossier>(e =>
        {
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Code).HasMaxLength(40);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.ResultDelivery).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Property(x => x.DeadlineClass).HasConversion<string>().HasMaxLength(16);
            e.Ignore(x => x.IsOpen);
            e.HasOne(x => x.Procedure).WithMany().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.CurrentHandler).WithMany().HasForeignKey(x => x.CurrentHandlerId).OnDelete(DeleteBehavior.Restrict);

            // The live dashboards read open dossiers only; partial indexes keep those reads small
            // however many years of closed dossiers the table holds.
            e.HasIndex(x => new { x.DepartmentId, x.CurrentStep, x.AppointmentAt })
                .HasDatabaseName("IX_Dossiers_Open_Department_Step_Appointment").HasFilter(OpenStatusFilter);
            e.HasIndex(x => new { x.CurrentHandlerId, x.AppointmentAt })
                .HasDatabaseName("IX_Dossiers_Open_Handler_Appointment").HasFilter(OpenStatusFilter);
            e.HasIndex(x => x.AppointmentAt)
                .HasDatabaseName("IX_Dossiers_Open_Appointment").HasFilter(OpenStatusFilter);
            // The deadline sweep asks "which dossiers of this class have an appointment before that edge": one range per
            // class, so a quiet minute reads only the dossiers about to change class, not all those past an edge.
            e.HasIndex(x => new { x.DeadlineClass, x.AppointmentAt })
                .HasDatabaseName("IX_Dossiers_Open_Class_Appointment").HasFilter(OpenStatusFilter);
            // The director's overview (OverviewSnapshotQuery), from indexes alone: open dossiers counted by department,
            // procedure, step and status in this index's own order (no sort); per department, overdue and due-soon
            // counts as ranges of the next one and the oldest intake as the first entry of the third.
            e.HasIndex(x => new { x.DepartmentId, x.ProcedureId, x.CurrentStep, x.Status })
                .HasDatabaseName("IX_Dossiers_Open_Overview").HasFilter(OpenStatusFilter);
            e.HasIndex(x => new { x.DepartmentId, x.Status, x.AppointmentAt })
                .HasDatabaseName("IX_Dossiers_Open_Department_Status_Appointment").HasFilter(OpenStatusFilter);
            e.HasIndex(x => new { x.DepartmentId, x.ReceivedAt, x.Status })
                .HasDatabaseName("IX_Dossiers_Open_Department_Received").HasFilter(OpenStatusFilter);
            // Monthly figures and "received today" range over these; Channel makes the overview's intake counts index-only.
            e.HasIndex(x => new { x.ReceivedAt, x.DepartmentId, x.Channel });
            e.HasIndex(x => new { x.CompletedAt, x.DepartmentId });
            // Results per day and outcome (the on-time trend): one range count per day and outcome.
            e.HasIndex(x => new { x.Outcome, x.CompletedAt });
            // Results returned this month, by post or at the counter.
            e.HasIndex(x => new { x.ReturnedAt, x.ResultDelivery });
        });
        b.Entity<DossierPause>(e =>
        {
            e.HasIndex(x => x.DossierId);
            e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
        });
        b.Entity<DossierEvent>(e =>
        {
            e.HasIndex(x => new { x.DossierId, x.Id });
            // Today's intake per staff member, reminders and reports range over events by type and time.
            e.HasIndex(x => new { x.Type, x.At });
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.FromStatus).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.ToStatus).HasConversion<string>().HasMaxLength(24);
            e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
        });
        b.Entity<Notifications.Notification>(e =>
        {
            e.HasIndex(x => x.DedupeKey).IsUnique();
            e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Kind).HasMaxLength(32);
            // The delivery loop reads what is due; the bell reads a person's unread in-app messages.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.RecipientId, x.Channel, x.ReadAt });
        });
        b.Entity<Deadlines.JobRun>(e =>
        {
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.JobName).HasMaxLength(64);
            e.HasIndex(x => new { x.JobName, x.StartedAt });
            e.HasIndex(x => x.StartedAt);
        });
        b.Entity<Deadlines.DeadlineCursor>(e =>
        {
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(64);
        });
        b.Entity<Audit.AuditEntry>(e =>
        {
            e.Property(x => x.Area).HasMaxLength(48);
            e.Property(x => x.Action).HasMaxLength(48);
            e.Property(x => x.ActorName).HasMaxLength(200);
            e.Property(x => x.Subject).HasMaxLength(400);
            e.HasIndex(x => x.At);
            e.HasIndex(x => new { x.Area, x.At });
        });
        b.Entity<CalendarOverrideRow>(e =>
        {
            e.ToTable("CalendarOverrides");
            e.HasIndex(x => x.Date).IsUnique();
        });
        // Ingestion API: keys (by prefix, the part sent first) and the events already taken (one row each, ever).
        b.Entity<Ingestion.ApiKey>(e =>
        {
            e.HasIndex(x => x.Prefix).IsUnique();
            e.Property(x => x.Prefix).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.SecretHash).HasMaxLength(64);
            e.Property(x => x.CreatedByName).HasMaxLength(200);
            e.Property(x => x.Scopes).HasConversion<string>().HasMaxLength(32);
        });
        b.Entity<Ingestion.ExternalEventKey>(e =>
        {
            e.HasIndex(x => new { x.DossierId, x.Type, x.At }).IsUnique();
            e.Property(x => x.Type).HasMaxLength(32);
            e.HasOne<Dossier>().WithMany().HasForeignKey(x => x.DossierId);
            e.HasOne(x => x.Event).WithMany().HasForeignKey(x => x.DossierEventId);
        });
        // Settings the administrator changed (office hours, thresholds); absent keys fall back to appsettings.json.
        b.Entity<Settings.SettingRow>(e =>
        {
            e.ToTable("Settings");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.Value).HasMaxLength(2000);
        });
        b.Entity<Reports.MonthlySnapshot>(e =>
        {
            e.Property(x => x.Month).HasMaxLength(7);
            e.Property(x => x.Trigger).HasMaxLength(16);
            e.HasIndex(x => x.Month).IsUnique();
        });
        // Staff load balancing (/staffing): absences by local date (present unless recorded) and who is trained for what.
        b.Entity<StaffAbsence>(e =>
        {
            e.HasIndex(x => new { x.StaffId, x.Date }).IsUnique();
            e.HasIndex(x => x.Date);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Note).HasMaxLength(400);
            e.HasOne(x => x.Staff).WithMany().HasForeignKey(x => x.StaffId);
        });
        b.Entity<StaffQualification>(e =>
        {
            e.HasKey(x => new { x.StaffId, x.DepartmentId });
            e.HasOne(x => x.Staff).WithMany().HasForeignKey(x => x.StaffId);
            e.HasOne(x => x.Department).WithMany().HasForeignKey(x => x.DepartmentId);
        });
        // Webhook subscriptions (/settings/webhooks) and their deliveries, queued with the dossier change that causes them.
        b.Entity<Webhooks.WebhookSubscription>(e =>
        {
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Url).HasMaxLength(Webhooks.WebhookTargetGuard.MaxUrl);
            e.Property(x => x.CreatedByName).HasMaxLength(200);
            e.Property(x => x.PausedReason).HasMaxLength(500);
        });
        b.Entity<Webhooks.WebhookDelivery>(e =>
        {
            e.HasIndex(x => x.DeliveryId).IsUnique();
            // As text through a converter, so the deadline sweep's bulk insert writes it exactly as EF does.
            e.Property(x => x.DeliveryId).HasConversion<string>().HasMaxLength(36);
            // The loop reads what is due; the page lists a subscription's latest.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.SubscriptionId, x.Id });
            e.Property(x => x.Event).HasMaxLength(32);
            e.Property(x => x.DossierCode).HasMaxLength(64);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.LastError).HasMaxLength(500);
            e.HasOne(x => x.Subscription).WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    // Unspecified values are taken as UTC already; only Local ones are converted.
    /// <summary>True on PostgreSQL: the few statements we write by hand differ there (OneStopSql).</summary>
    public bool IsPostgreSql => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v == null ? v : v.Value.Kind == DateTimeKind.Local ? v.Value.ToUniversalTime() : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc),
        v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
}
