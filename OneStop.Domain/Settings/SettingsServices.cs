using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;

namespace OneStop.Domain.Settings;

public static class SettingsServices
{
    /// <summary>
    /// The settings services, and the options the administrator may change served from <see cref="EditableSettings"/>
    /// (appsettings.json overridden by the Settings table) instead of straight from configuration.
    /// </summary>
    public static IServiceCollection AddOneStopSettings(this IServiceCollection services)
    {
        services.AddSingleton<EditableSettings>();
        services.Replace(ServiceDescriptor.Singleton<IOptions<CenterOptions>>(sp =>
            new EditableSettings.View<CenterOptions>(() => sp.GetRequiredService<EditableSettings>().Center)));
        services.Replace(ServiceDescriptor.Singleton<IOptions<DeadlineOptions>>(sp =>
            new EditableSettings.View<DeadlineOptions>(() => sp.GetRequiredService<EditableSettings>().Deadlines)));
        services.AddSingleton<CatalogSettings>();
        services.AddSingleton<StaffSettings>();
        services.AddSingleton<CalendarSettings>();
        services.AddSingleton<SettingsQuery>();
        return services;
    }
}
