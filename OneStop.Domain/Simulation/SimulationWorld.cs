using Microsoft.EntityFrameworkCore;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Persistence;
using OneStop.Domain.Persistence.Demo;
using OneStop.Domain.Staffing;

namespace OneStop.Domain.Simulation;

/// <summary>People picked at random in proportion to a weight (the first of a list is usually the main one).</summary>
internal sealed class WeightedPicker
{
    private readonly int[] _ids;
    private readonly double[] _cum;

    public WeightedPicker(IEnumerable<(int Id, double Weight)> items)
    {
        var list = items.Where(i => i.Weight > 0).ToArray();
        _ids = list.Select(i => i.Id).ToArray();
        _cum = new double[list.Length];
        double c = 0;
        for (int i = 0; i < list.Length; i++) _cum[i] = c += list[i].Weight;
    }

    public bool IsEmpty => _ids.Length == 0;
    public bool Contains(int? id) => id is { } x && Array.IndexOf(_ids, x) >= 0;
    public IReadOnlyList<int> Ids => _ids;

    /// <summary>The person at <paramref name="unit"/> (0..1) of the cumulative weights; null when nobody.</summary>
    public int? Pick(double unit)
    {
        if (_ids.Length == 0) return null;
        double r = unit * _cum[^1];
        for (int i = 0; i < _cum.Length; i++) if (r < _cum[i]) return _ids[i];
        return _ids[^1];
    }
}

/// <summary>A procedure as the simulator sees it: steps, statutory time and the demo's rates for it.</summary>
internal sealed class SimProcedure
{
    public required int Id { get; init; }
    public required int DepartmentId { get; init; }
    public required Procedure Procedure { get; init; }
    public required ProcedureStep[] Steps { get; init; }
    public required TimeSpan Statutory { get; init; }
    public required int Weight { get; init; }
    public required double OnTimeRate { get; init; }
    public required double LateRate { get; init; }
    public required double SupplementRate { get; init; }
    public required double PostResultShare { get; init; }
    public required double LateMeanDays { get; init; }
    public required double ApologyRate { get; init; }

    public int IndexOf(int order)
    {
        for (int i = 0; i < Steps.Length; i++) if (Steps[i].Order == order) return i;
        return -1;
    }

    public int FirstIndexOf(StepKind kind)
    {
        for (int i = 0; i < Steps.Length; i++) if (Steps[i].Kind == kind) return i;
        return -1;
    }
}

/// <summary>A department as the simulator sees it: who receives, processes and approves; its procedures and intake rates.</summary>
internal sealed class SimDepartment
{
    public required int Id { get; init; }
    public required string Code { get; init; }
    /// <summary>Null when the demo catalog has no profile for the department: then nothing new arrives there.</summary>
    public required DepartmentRates? Rates { get; init; }
    public required WeightedPicker Reception { get; init; }
    public required WeightedPicker Officers { get; init; }
    public required WeightedPicker Leaders { get; init; }
    /// <summary>Every active leader of the department (any of them may approve).</summary>
    public required IReadOnlySet<int> AllLeaders { get; init; }
    public required SimProcedure[] Procedures { get; init; }

    /// <summary>A procedure that accepts <paramref name="channel"/>, in proportion to the procedures' weights.</summary>
    public SimProcedure? PickProcedure(Channel channel, double unit)
    {
        double total = 0;
        foreach (var p in Procedures) if (p.Procedure.Allows(channel)) total += p.Weight;
        if (total <= 0) return null;
        double r = unit * total;
        SimProcedure? last = null;
        foreach (var p in Procedures)
        {
            if (!p.Procedure.Allows(channel)) continue;
            last = p;
            if (r < p.Weight) return p;
            r -= p.Weight;
        }
        return last;
    }
}

/// <summary>
/// What the simulator knows of the center, read from the database (departments, procedures with steps, active
/// staff and postal coverage) and completed by the demo catalog's profiles (volumes, channel mix, outcome rates,
/// who usually does what), matched by department and procedure code and by user name, so that it follows the
/// database's Ids whatever they are. Departments or people the catalog does not know get plain defaults.
/// </summary>
internal sealed class SimulationWorld
{
    public required IReadOnlyList<SimDepartment> Departments { get; init; }
    public required IReadOnlyDictionary<int, SimDepartment> DepartmentsById { get; init; }
    public required IReadOnlyDictionary<int, SimProcedure> Procedures { get; init; }
    /// <summary>Ids of the active staff: a dossier held by one of them is moved by that person.</summary>
    public required IReadOnlySet<int> ActiveStaff { get; init; }

    // Defaults for departments and procedures without a demo profile.
    private const double DefaultOnTime = 0.10, DefaultLate = 0.01, DefaultSupplement = 0.05, DefaultPostResult = 0.08;

    public static async Task<SimulationWorld> LoadAsync(OneStopDbContext db, DeadlineClock clock, CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().OrderBy(d => d.Id).ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().Include(p => p.Steps).OrderBy(p => p.Id).ToListAsync(ct);
        var staff = await db.Staff.AsNoTracking().Include(s => s.Coverage).Where(s => s.Active).ToListAsync(ct);

        var catalog = DemoCatalog.Create();
        var catalogDeptByCode = catalog.Departments.ToDictionary(d => d.Code);
        var catalogProcByCode = catalog.Procedures.ToDictionary(p => p.Code);
        var catalogUserById = catalog.Staff.ToDictionary(s => s.Id, s => s.UserName);
        var staffByUser = staff.ToDictionary(s => s.UserName);

        var procs = new Dictionary<int, SimProcedure>();
        var result = new List<SimDepartment>();
        foreach (var d in departments)
        {
            DepartmentProfile? profile = catalogDeptByCode.TryGetValue(d.Code, out var cd) && catalog.DepartmentProfiles.TryGetValue(cd.Id, out var dp) ? dp : null;
            var covering = staff.Where(s => s.Role == StaffRole.PostalStaff && s.Coverage.Any(c => c.DepartmentId == d.Id)).ToList();
            var officers = staff.Where(s => s.Role == StaffRole.DepartmentOfficer && s.DepartmentId == d.Id).ToList();
            var leaders = staff.Where(s => s.Role == StaffRole.DepartmentLeader && s.DepartmentId == d.Id).ToList();
            // The workflow's rule: postal staff covering the department receive; its own officers only where nobody covers it.
            var mayReceive = covering.Count > 0 ? covering : officers;

            WeightedPicker Map(IReadOnlyList<WeightedStaff>? weighted, List<Staff> allowed, Func<Staff, bool>? fallbackFilter = null)
            {
                var allowedIds = allowed.Select(s => s.Id).ToHashSet();
                var mapped = (weighted ?? [])
                    .Select(w => (Id: catalogUserById.TryGetValue(w.StaffId, out var user) && staffByUser.TryGetValue(user, out var s) ? s.Id : -1, Weight: (double)w.Weight))
                    .Where(x => allowedIds.Contains(x.Id))
                    .ToList();
                if (mapped.Count == 0)
                    mapped = allowed.Where(s => fallbackFilter?.Invoke(s) ?? true).Select(s => (s.Id, 1.0)).ToList();
                if (mapped.Count == 0) mapped = allowed.Select(s => (s.Id, 1.0)).ToList();
                return new WeightedPicker(mapped);
            }

            var sims = new List<SimProcedure>();
            foreach (var p in procedures.Where(p => p.DepartmentId == d.Id))
            {
                var steps = p.Steps.OrderBy(s => s.Order).ToArray();
                if (steps.Length == 0) continue;
                ProcedureProfile? pp = catalogProcByCode.TryGetValue(p.Code, out var cp) && catalog.ProcedureProfiles.TryGetValue(cp.Id, out var x) ? x : null;
                var sim = new SimProcedure
                {
                    Id = p.Id,
                    DepartmentId = d.Id,
                    Procedure = p,
                    Steps = steps,
                    Statutory = clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit),
                    Weight = pp?.Weight ?? 1,
                    OnTimeRate = pp?.OnTimeRate ?? profile?.OnTimeRate ?? DefaultOnTime,
                    LateRate = pp?.LateRate ?? profile?.LateRate ?? DefaultLate,
                    SupplementRate = pp?.SupplementRate ?? profile?.SupplementRate ?? DefaultSupplement,
                    PostResultShare = p.ResultByPost ? pp?.PostResultShare ?? profile?.PostResultShare ?? DefaultPostResult : 0,
                    LateMeanDays = pp?.LateMeanDays ?? 2.0,
                    // As in the demo history: seed 000's award procedure is late again and again, and letters are the rule there.
                    ApologyRate = cp?.Id == DemoCatalog.AwardProcedureId ? 0.5 : 0.3,
                };
                sims.Add(sim);
                procs[p.Id] = sim;
            }

            result.Add(new SimDepartment
            {
                Id = d.Id,
                Code = d.Code,
                Rates = profile is null ? null : TrafficRates.For(d.Id, profile, clock.Calendar.DayLength),
                Reception = Map(profile?.Reception, mayReceive, s => !(covering.Count == 0 && !s.UserName.Contains(".mc"))),
                Officers = Map(profile?.Officers, officers, s => !s.UserName.Contains(".mc")),
                Leaders = Map(profile?.Leaders, leaders),
                AllLeaders = leaders.Select(s => s.Id).ToHashSet(),
                Procedures = sims.ToArray(),
            });
        }
        return new SimulationWorld
        {
            Departments = result,
            DepartmentsById = result.ToDictionary(d => d.Id),
            Procedures = procs,
            ActiveStaff = staff.Select(s => s.Id).ToHashSet(),
        };
    }
}
