using Microsoft.Extensions.DependencyInjection;

namespace OneStop.Domain.Ingestion;

public static class IngestionServices
{
    /// <summary>The ingestion API's domain side: API keys, dossiers and events from the province, CSV history.</summary>
    public static IServiceCollection AddOneStopIngestion(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<DossierIngestion>();
        services.AddSingleton<HistoryImport>();
        return services;
    }
}
