using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneStop.Domain.Persistence;

namespace OneStop.Domain.Webhooks;

public static class WebhookServices
{
    /// <summary>Subscriptions, the signing secrets (ASP.NET Data Protection), the SSRF guard and the guarded delivery client.</summary>
    public static IServiceCollection AddOneStopWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        // One key ring for every node, in the OneStop database (README, Several web nodes); the fixed name keeps payloads
        // readable whatever folder a node runs from (the default name is the content root path). With a certificate set,
        // the keys are encrypted at rest (KeyRingCertificate).
        services.AddDataProtection().SetApplicationName(Persistence.SharedKeyRing.ApplicationName).PersistKeysToDbContext<Persistence.OneStopDbContext>()
            .ProtectKeysWithConfiguredCertificate(configuration);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton(sp => new WebhookTargetGuard(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>()));
        services.AddHttpClient(WebhookHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => WebhookHttp.Handler(sp.GetRequiredService<WebhookTargetGuard>()));
        services.AddSingleton<WebhookSubscriptions>();
        services.AddSingleton<WebhookDispatcher>();
        return services;
    }
}
