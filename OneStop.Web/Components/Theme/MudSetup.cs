using MudBlazor;
using MudBlazor.Services;

namespace OneStop.Web.Components.Theme;

public static class MudSetup
{
    /// <summary>MudBlazor's services with our localizer (Vietnamese by default, English second); the tests use it too.</summary>
    public static IServiceCollection AddOneStopMud(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddTransient<MudLocalizer, OneStopMudLocalizer>();
        return services;
    }
}
