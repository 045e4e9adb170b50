using OneStop.Domain.Staffing;
using OneStop.Web.Hosting;

namespace OneStop.Web.Live;

/// <summary>The covered departments with no postal staff present today, as the overview's warning shows them.</summary>
public sealed record UncoveredToday(IReadOnlyList<DepartmentCover> Departments);

public static class StaffingLive
{
    /// <summary>The day turns while screens stay open: the uncovered list is read again each minute as well.</summary>
    public static readonly TimeSpan UncoveredRefresh = TimeSpan.FromMinutes(1);

    /// <summary>
    /// One shared staffing snapshot for /staffing: recomputed on any dossier change (loads move with them) and whenever
    /// coverage, training or attendance change (<see cref="StaffingSignal"/>), so a second open page follows an applied
    /// suggestion without a reload. And one shared uncovered list for the overview's warning, recomputed on a staffing
    /// change and each minute: every overview used to read it itself, on its start and each minute with a timer of its
    /// own (a thousand open overviews, a thousand timers and about seventeen queries a second).
    /// </summary>
    public static IServiceCollection AddStaffingLive(this IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var snapshot = new LiveSnapshot<StaffingSnapshot>(sp.GetRequiredService<StaffingQuery>().RunAsync,
                sp.GetRequiredService<DossierChangeHub>(), _ => true, OneStopHost.LiveDebounce, OneStopHost.LiveRefresh,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiveSnapshot<StaffingSnapshot>>());
            sp.GetRequiredService<StaffingSignal>().Subscribe(() => { snapshot.Refresh(); return Task.CompletedTask; });
            return snapshot;
        });
        services.AddSingleton(sp => Uncovered(sp.GetRequiredService<StaffingQuery>(), sp.GetRequiredService<StaffingSignal>(),
            sp.GetRequiredService<DossierChangeHub>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<LiveSnapshot<UncoveredToday>>(),
            OneStopHost.LiveDebounce));
        return services;
    }

    /// <summary>The shared uncovered list: no dossier change is relevant to it, a staffing change and the minute are.</summary>
    public static LiveSnapshot<UncoveredToday> Uncovered(StaffingQuery query, StaffingSignal signal, DossierChangeHub hub, ILogger log, TimeSpan debounce)
    {
        var snapshot = new LiveSnapshot<UncoveredToday>(async ct => new UncoveredToday(await query.UncoveredAsync(ct)),
            hub, _ => false, debounce, UncoveredRefresh, log);
        signal.Subscribe(() => { snapshot.Refresh(); return Task.CompletedTask; });
        return snapshot;
    }
}
