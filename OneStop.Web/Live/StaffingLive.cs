using OneStop.Domain.Staffing;
using OneStop.Web.Hosting;

namespace OneStop.Web.Live;

public static class StaffingLive
{
    /// <summary>
    /// One shared staffing snapshot for /staffing: recomputed on any dossier change (loads move with them) and whenever
    /// coverage, training or attendance change (<see cref="StaffingSignal"/>), so a second open page follows an applied
    /// suggestion without a reload.
    /// </summary>
    public static IServiceCollection AddStaffingLive(this IServiceCollection services) =>
        services.AddSingleton(sp =>
        {
            var snapshot = new LiveSnapshot<StaffingSnapshot>(sp.GetRequiredService<StaffingQuery>().RunAsync,
                sp.GetRequiredService<DossierChangeHub>(), _ => true, OneStopHost.LiveDebounce, OneStopHost.LiveRefresh,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiveSnapshot<StaffingSnapshot>>());
            sp.GetRequiredService<StaffingSignal>().Subscribe(() => { snapshot.Refresh(); return Task.CompletedTask; });
            return snapshot;
        });
}
