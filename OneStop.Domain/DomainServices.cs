using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneStop.Domain.Calendar;
using OneStop.Domain.Persistence;
using OneStop.Domain.Settings;
using OneStop.Domain.Staffing;

namespace OneStop.Domain;

public static class DomainServices
{
    /// <summary>Registers the Domain: persistence (on the configured provider), the center's calendar and the queries pages use.</summary>
    public static IServiceCollection AddOneStopDomain(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        OneStopDatabase.Register(services, OneStopDatabase.ProviderOf(configuration), connectionString);
        services.AddSingleton(TimeProvider.System);
        services.Configure<CenterOptions>(configuration.GetSection(CenterOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddSingleton<CenterCalendarProvider>();
        services.AddScoped<DatabaseInitializer>();
        services.AddSingleton<Dashboard.OverviewSnapshotQuery>();
        services.AddSingleton<Dashboard.DepartmentQueueQuery>();
        services.AddSingleton<Dashboard.StaffBoardQuery>();
        services.AddSingleton<Catalog.ProcedureCatalogQuery>();
        services.AddScoped<Dossiers.Queries.MyQueueQuery>();
        services.AddScoped<Dossiers.Queries.DossierDetailQuery>();
        services.AddScoped<Dossiers.Queries.HandlerOptionsQuery>();
        services.Configure<Staffing.SignInOptions>(configuration.GetSection(Staffing.SignInOptions.Section));
        services.AddSingleton<Staffing.StaffAuthenticator>();
        services.AddSingleton<Staffing.StaffSessions>();
        services.AddSingleton<Dossiers.DossierWorkflow>();
        services.TryAddSingleton<Dossiers.IDossierChangeSink, Dossiers.NoDossierChangeSink>();
        // Notifications: the outbox writer, the delivery loop's logic and what the bell reads.
        services.AddOptions<Notifications.NotificationOptions>().Bind(configuration.GetSection(Notifications.NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Notifications.NotificationOptions>, Notifications.NotificationOptionsValidator>();
        services.AddHttpClient(Notifications.WebhookSender.ClientName);
        services.AddSingleton<Notifications.NotificationSignal>();
        services.AddSingleton<Notifications.NotificationOutbox>();
        services.AddSingleton<Notifications.EmailSender>();
        services.AddSingleton<Notifications.WebhookSender>();
        services.AddSingleton<Notifications.NotificationDelivery>();
        services.AddSingleton<Notifications.NotificationInbox>();
        Webhooks.WebhookServices.AddOneStopWebhooks(services, configuration);
        services.Configure<Deadlines.DeadlineOptions>(configuration.GetSection(Deadlines.DeadlineOptions.Section));
        services.AddSingleton<Deadlines.DeadlineSweep>();
        services.AddSingleton<Deadlines.HandOverReminders>();
        services.AddSingleton<Deadlines.DailyDigest>();
        services.AddSingleton<Deadlines.JobRunRecorder>();
        Ingestion.IngestionServices.AddOneStopIngestion(services);
        services.AddOneStopSettings();
        services.Configure<Reports.ReportOptions>(configuration.GetSection(Reports.ReportOptions.Section));
        services.AddSingleton<Reports.MonthlyReportQuery>();
        services.AddSingleton<Reports.MonthlyReportStore>();
        services.AddStaffingBalancing();
        return services;
    }
}

/// <summary>OneStop:Center in appsettings.json.</summary>
public sealed class CenterOptions
{
    public const string Section = "OneStop:Center";
    public string Name { get; set; } = "Trung tâm Phục vụ hành chính công tỉnh";
    /// <summary>Office sessions in local time, "HH:mm-HH:mm" each.</summary>
    public List<string> OfficeHours { get; set; } = new();
}

/// <summary>OneStop:Demo in appsettings.json.</summary>
public sealed class DemoOptions
{
    public const string Section = "OneStop:Demo";
    public bool Enabled { get; set; } = true;
    /// <summary>Traffic simulator: how many times faster than real life the demo center runs (intake and work); 0 turns it off.</summary>
    public double Speed { get; set; } = 60;
    /// <summary>
    /// Traffic simulator: at start, create (back-dated) the dossiers this speed keeps waiting for their real appointments,
    /// so the open count is steady from the first day instead of climbing for weeks (see HeldBacklog in the simulator).
    /// </summary>
    public bool SteadyStart { get; set; } = true;
    /// <summary>Random seed of the demo history, so every demo database is the same.</summary>
    public int Seed { get; set; } = 20261121;
}
