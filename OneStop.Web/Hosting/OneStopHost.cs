using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using OneStop.Domain;
using OneStop.Domain.Persistence;
using Hangfire;
using Hangfire.Dashboard;
using OneStop.Domain.Staffing;
using OneStop.Jobs;
using OneStop.Web.Api;
using OneStop.Web.Auth;
using OneStop.Web.Api.Ingestion;
using OneStop.Domain.Dossiers;
using OneStop.Web.Components;
using OneStop.Web.Live;
using OneStop.Web.Components.Theme;

namespace OneStop.Web.Hosting;

/// <summary>Everything the web host registers and maps, in one place.</summary>
public static class OneStopHost
{
    public static readonly CultureInfo[] Cultures = [new("vi-VN"), new("en-US")];

    public static WebApplicationBuilder AddOneStop(this WebApplicationBuilder builder)
    {
        AddRootConfiguration(builder);
        // Running the built dll directly (not through `dotnet run`) still serves MudBlazor's assets (STACK.md).
        builder.WebHost.UseStaticWebAssets();

        // SQLite's relative file is made absolute against the content root; PostgreSQL's connection string is used as given.
        var connectionString = builder.Configuration.GetConnectionString("OneStop") ?? OneStopDatabase.DefaultSqlite;
        if (OneStopDatabase.ProviderOf(builder.Configuration) == DatabaseProvider.Sqlite)
            connectionString = DatabasePath.Resolve(connectionString, builder.Environment.ContentRootPath);
        builder.Services.AddOneStopDomain(builder.Configuration, connectionString);
        builder.Services.AddOneStopJobs(builder.Configuration);
        builder.Services.AddOneStopProxy(builder.Configuration);

        // Vietnamese text as UTF-8 in the HTML rather than numeric entities: a third of the size, readable source.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.AddRazorComponents().AddInteractiveServerComponents(o => ConfigureCircuits(o, builder.Configuration));
        builder.Services.AddOneStopMud();
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "onestop.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(10); // one working day, with a margin
            o.SlidingExpiration = true;
            o.UseSessionChecks(); // the cookie holds only while its session and the account's stamp do
        });
        builder.Services.AddAuthorization(o => o.AddPolicy(HangfireDashboardPolicy, p => p.RequireRole(nameof(StaffRole.Director), nameof(StaffRole.Admin))));
        builder.Services.AddOneStopAccess();
        builder.Services.AddOneStopRateLimits(builder.Configuration);
        builder.Services.AddIngestionApi();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddSessionChecks();
        builder.Services.AddSingleton<DossierChangeHub>();
        builder.Services.AddSingleton<IDossierChangeSink>(sp => sp.GetRequiredService<DossierChangeHub>());
        builder.Services.AddHostedService<DossierEventTailer>();
        // Screens that everybody shares (the overview, the staff boards) read one snapshot each,
        // recomputed once per burst of changes and every 30 s (due-soon and overdue move with the clock).
        builder.Services.AddSingleton(sp => SharedSnapshot(sp, sp.GetRequiredService<OneStop.Domain.Dashboard.OverviewSnapshotQuery>().RunAsync));
        builder.Services.AddSingleton(sp => SharedSnapshot(sp, sp.GetRequiredService<OneStop.Domain.Dashboard.StaffBoardQuery>().RunAsync));
        builder.Services.AddStaffingLive();
        builder.Services.AddHostedService<TrafficSimulatorService>();
        builder.Services.AddHostedService<NotificationDeliveryService>();
        builder.Services.AddHealthChecks().AddDbContextCheck<OneStopDbContext>("database");
        return builder;
    }

    public static WebApplication UseOneStop(this WebApplication app)
    {
        app.UseForwardedHeaders(); // first: everything after sees the browser's address and scheme (ProxySetup)
        app.UseOneStopErrors();
        app.UseSecurityHeaders();
        // API callers get problem details for bare error statuses; pages render their own messages.
        app.UseWhen(ctx => ctx.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(async ctx =>
            await Results.Problem(statusCode: ctx.HttpContext.Response.StatusCode).ExecuteAsync(ctx.HttpContext)));
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Cultures[0]),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            // Only the cookie: the UI is Vietnamese unless the user picks English.
            RequestCultureProviders = [new CookieRequestCultureProvider()],
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapHealthChecks("/health");
        app.MapCalendarApi();
        app.MapIngestionApi();
        app.MapCultureSwitch();
        OneStop.Web.Reports.MonthlyReportEndpoints.MapMonthlyReportExports(app);
        app.MapSignOut();
        // Hangfire's own dashboard behind our cookie sign-in: the director looks, the admin may also trigger, retry and delete.
        app.MapHangfireDashboardWithAuthorizationPolicy(HangfireDashboardPolicy, "/hangfire", new DashboardOptions
        {
            DashboardTitle = "OneStop · Hangfire",
            AppPath = "/jobs",
            IsReadOnlyFunc = ctx => !ctx.GetHttpContext().User.IsInRole(nameof(StaffRole.Admin)),
            DisplayStorageConnectionString = false,
        }, app.Services.GetRequiredService<JobStorage>());
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Who may open /hangfire: the director (read-only) and the admin.</summary>
    public const string HangfireDashboardPolicy = "HangfireDashboard";

    public const string CircuitsRetainedKey = "OneStop:Live:CircuitsRetained", CircuitRetentionKey = "OneStop:Live:CircuitRetentionMinutes";

    /// <summary>
    /// A disconnected circuit (a laptop lid shut, a TV's Wi-Fi gone) keeps all its state, about 1 MB on the overview,
    /// until its browser comes back or the period ends; Blazor's defaults keep 100 for 3 minutes. Ours: 30 for 2 minutes,
    /// enough for a page to come back after a network blip (a longer absence reloads the page, which loses nothing:
    /// every screen reads its state from the database).
    /// </summary>
    internal static void ConfigureCircuits(Microsoft.AspNetCore.Components.Server.CircuitOptions o, IConfiguration config)
    {
        var retained = config.GetValue(CircuitsRetainedKey, 30);
        var minutes = config.GetValue(CircuitRetentionKey, 2.0);
        if (retained < 0) throw new InvalidOperationException($"{CircuitsRetainedKey} = {retained}: must be 0 or more (0 keeps no disconnected circuit).");
        if (minutes <= 0 || minutes > 60) throw new InvalidOperationException($"{CircuitRetentionKey} = {minutes}: must be more than 0 and at most 60 minutes.");
        o.DisconnectedCircuitMaxRetained = retained;
        o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(minutes);
    }

    public static readonly TimeSpan LiveDebounce = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan LiveRefresh = TimeSpan.FromSeconds(30);

    private static LiveSnapshot<T> SharedSnapshot<T>(IServiceProvider sp, Func<CancellationToken, Task<T>> compute) where T : class =>
        new(compute, sp.GetRequiredService<DossierChangeHub>(), _ => true, LiveDebounce, LiveRefresh,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiveSnapshot<T>>());

    /// <summary>Migrates the database and, in demo mode, seeds it. Runs before the app listens.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
        // An upgrading center's webhook secrets were protected with the home-folder key ring: moved to the shared one once.
        await SharedKeyRing.AdoptHomeFolderRingAsync(
            app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<OneStopDbContext>>(),
            app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(),
            app.Configuration[HomeFolderKeysKey] is { Length: > 0 } folder ? folder : SharedKeyRing.HomeFolderDirectory(),
            app.Environment.ContentRootPath, app.Logger, app.Lifetime.ApplicationStopping);
    }

    /// <summary>The home-folder key ring an older version used, when not ASP.NET's default place (README, Several web nodes).</summary>
    public const string HomeFolderKeysKey = "OneStop:DataProtection:HomeFolderKeys";

    /// <summary>
    /// The deployment's one appsettings.json sits at the repository root and is linked into the
    /// build output. It goes first among the sources so environment variables and the command line
    /// still override it.
    /// </summary>
    private static void AddRootConfiguration(WebApplicationBuilder builder)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(file)) return;
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        builder.Configuration.Sources.Insert(0, source);
    }

    /// <summary>ASP.NET's own rule for a local URL: one slash then not a second slash or backslash, and no control characters.</summary>
    internal static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);

    private static void MapCultureSwitch(this WebApplication app) =>
        app.MapGet("/culture/{name}", (string name, string? redirect, HttpContext http) =>
        {
            var culture = Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == name) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
            // Only local redirects: never bounce the user to another site ("//evil", "/\\evil" are other sites to a browser).
            var target = IsLocal(redirect) ? redirect! : "/";
            return Results.LocalRedirect(target);
        });
}
