namespace OneStop.Domain.Staffing.Balancing;

/// <summary>What a queued dossier waits for in a postal staff member's hands.</summary>
public enum QueueStep
{
    /// <summary>Received: to digitize and hand over to the department.</summary>
    HandOver,
    /// <summary>Result ready: to return to the applicant.</summary>
    Return,
}

/// <summary>A dossier waiting in someone's hands, with the working hours it is expected to take.</summary>
public sealed record QueuedDossier(string Code, int Version, int DepartmentId, QueueStep Step, double Hours, DateTime AppointmentAt);

/// <summary>
/// One postal staff member as the balancer sees them today. <paramref name="HoursLeft"/> is the working time they
/// still have today (see <see cref="LoadBalancer.LoadOf"/>); <paramref name="Trained"/> lists the departments they may
/// cover (coverage implies training: the balancer treats <c>Trained ∪ Covers</c> as trained).
/// </summary>
public sealed record StaffSituation(
    int StaffId, string Name, bool Present, double HoursLeft,
    IReadOnlySet<int> Trained, IReadOnlySet<int> Covers, IReadOnlyList<QueuedDossier> Queue)
{
    public double QueuedHours => Queue.Sum(q => q.Hours);
    public bool MayCover(int departmentId) => Covers.Contains(departmentId) || Trained.Contains(departmentId);
}

public enum SuggestionKind
{
    /// <summary>Give a department nobody present covers to a trained, present person (with the dossiers stranded in it).</summary>
    CoverDepartment,
    /// <summary>Move queued dossiers from one person to another who covers their department.</summary>
    MoveDossiers,
}

/// <summary>A person's load index before and after a suggestion (∞ for someone absent with dossiers in hand).</summary>
public sealed record LoadChange(int StaffId, double Before, double After);

/// <summary>
/// One concrete move the supervisor can apply with one click. <see cref="FromStaffId"/> is whoever gives up the
/// dossiers (null for a cover suggestion with nothing stranded).
/// </summary>
public sealed record Suggestion(
    SuggestionKind Kind, int DepartmentId, int? FromStaffId, int ToStaffId,
    IReadOnlyList<QueuedDossier> Dossiers, IReadOnlyList<LoadChange> Loads)
{
    /// <summary>A stable key for the page (and for tests): the same situation gives the same key.</summary>
    public string Key => $"{Kind}:{DepartmentId}:{FromStaffId}:{ToStaffId}:{string.Join(",", Dossiers.Select(d => d.Code))}";
}

public sealed record BalancingPlan(
    IReadOnlyList<Suggestion> Suggestions,
    /// <summary>Covered departments nobody present covers and nobody present is trained for: only a roster change helps.</summary>
    IReadOnlyList<int> Uncoverable,
    /// <summary>Each person's load index once every suggestion is applied.</summary>
    IReadOnlyDictionary<int, double> LoadsAfter);

/// <summary>
/// Proposes how to even out the postal staff's work today. Pure: the caller gathers who is present, who is trained
/// for and covers what, and each queue with its expected hours; nothing here reads the database or the clock.
/// </summary>
/// <remarks>
/// <para>Load index of a person = expected working hours of the dossiers in their hands / working hours they have
/// left today. A person absent with dossiers in hand is infinitely loaded (those dossiers wait for nobody); absent
/// with nothing, 0.</para>
/// <para>Three passes, in order:</para>
/// <list type="number">
/// <item>Coverage: every covered department with nobody present covering it goes to the least-loaded present person
/// trained for it, together with the dossiers of that department stranded with absent people.</item>
/// <item>The other stranded dossiers go, earliest appointment first, each to the present person trained for its
/// department whose load after taking it is lowest (who gets the department with it if they do not cover it yet).</item>
/// <item>Levelling among present people, while the most loaded one (who has received nothing in this plan) is at
/// least <see cref="MinimumGap"/> above someone trained for one of their departments (and who has given nothing in
/// this plan): move the dossier and recipient that leave the pair most even, provided the recipient ends strictly
/// below the donor's load before the move. A recipient who does not cover the department yet gets it with the
/// dossiers (a <see cref="SuggestionKind.CoverDepartment"/> suggestion).</item>
/// </list>
/// <para>Guarantees (the tests check them): nothing goes to someone absent or not trained for the department; after
/// the plan, every covered department that someone present is trained for is covered by someone present; no
/// suggestion, alone or with any others in any order, raises the highest load, because recipients only ever end
/// below a donor's load at the time and nobody both gives and receives.</para>
/// </remarks>
public static class LoadBalancer
{
    /// <summary>Levelling starts only when two people differ by at least this much (a quarter of their remaining day).</summary>
    public const double MinimumGap = 0.25;
    /// <summary>A bound on levelling moves, so a pathological input can never spin.</summary>
    public const int MaxMoves = 500;

    public static double LoadOf(double queuedHours, bool present, double hoursLeft) =>
        !present ? (queuedHours > 0 ? double.PositiveInfinity : 0)
        : queuedHours <= 0 ? 0
        : hoursLeft > 0 ? queuedHours / hoursLeft : double.PositiveInfinity;

    public static double LoadOf(StaffSituation s) => LoadOf(s.QueuedHours, s.Present, s.HoursLeft);

    public static BalancingPlan Plan(IReadOnlyList<StaffSituation> staff, IReadOnlyList<int> coveredDepartments)
    {
        var people = staff.ToDictionary(s => s.StaffId, s => new Person(s));
        var present = people.Values.Where(p => p.Source.Present).OrderBy(p => p.Source.StaffId).ToList();
        var absent = people.Values.Where(p => !p.Source.Present).OrderBy(p => p.Source.StaffId).ToList();
        var moves = new List<(SuggestionKind Kind, int Department, Person? From, Person To, QueuedDossier? Item)>();
        var uncoverable = new List<int>();

        void Move(SuggestionKind kind, Person from, Person to, QueuedDossier item)
        {
            // Someone trained who does not cover the department yet gets it with the dossiers: one click does both.
            if (!to.Source.Covers.Contains(item.DepartmentId)) kind = SuggestionKind.CoverDepartment;
            to.Covers.Add(item.DepartmentId);
            moves.Add((kind, item.DepartmentId, from, to, item));
            from.Take(item);
            to.Give(item);
        }

        // 1. Coverage, with the dossiers of the department stranded with absent people.
        foreach (var department in coveredDepartments.Distinct())
        {
            if (present.Any(p => p.Covers.Contains(department))) continue;
            var to = present.Where(p => p.Source.MayCover(department))
                .OrderBy(p => p.Load).ThenBy(p => p.Hours).ThenBy(p => p.Source.StaffId).FirstOrDefault();
            if (to is null) { uncoverable.Add(department); continue; }
            to.Covers.Add(department);
            var stranded = absent.SelectMany(p => p.Queue.Where(q => q.DepartmentId == department).Select(q => (From: p, Item: q)))
                .OrderBy(x => x.Item.AppointmentAt).ThenBy(x => x.Item.Code, StringComparer.Ordinal).ToList();
            if (stranded.Count == 0) moves.Add((SuggestionKind.CoverDepartment, department, null, to, null));
            foreach (var (from, item) in stranded) Move(SuggestionKind.CoverDepartment, from, to, item);
        }

        // 2. The other stranded dossiers, to whoever present is trained for them and least loaded after.
        foreach (var from in absent)
        {
            foreach (var item in from.Queue.OrderBy(q => q.AppointmentAt).ThenBy(q => q.Code, StringComparer.Ordinal).ToList())
            {
                var to = present.Where(p => p.Source.MayCover(item.DepartmentId) || p.Covers.Contains(item.DepartmentId))
                    .OrderBy(p => p.LoadWith(item.Hours)).ThenBy(p => p.Covers.Contains(item.DepartmentId) ? 0 : 1).ThenBy(p => p.Source.StaffId)
                    .FirstOrDefault();
                if (to is not null) Move(SuggestionKind.MoveDossiers, from, to, item);
            }
        }

        // 3. Levelling among the present: only the most loaded person who can give, gives.
        for (var n = 0; n < MaxMoves; n++)
        {
            (Person From, Person To, QueuedDossier Item, double Spread)? best = null;
            foreach (var from in present.Where(p => !p.Received && p.Queue.Count > 0).OrderByDescending(p => p.Load).ThenBy(p => p.Source.StaffId))
            {
                foreach (var item in from.Queue)
                    foreach (var to in present)
                    {
                        if (to == from || to.Gave || !(to.Covers.Contains(item.DepartmentId) || to.Source.MayCover(item.DepartmentId))) continue;
                        if (from.Load - to.Load < MinimumGap) continue;
                        var toAfter = to.LoadWith(item.Hours);
                        if (toAfter >= from.Load) continue; // the recipient would become the new, higher, peak
                        var spread = Math.Max(from.LoadWith(-item.Hours), toAfter);
                        if (best is null || spread < best.Value.Spread - 1e-9
                            || (Math.Abs(spread - best.Value.Spread) <= 1e-9 && item.AppointmentAt < best.Value.Item.AppointmentAt))
                            best = (from, to, item, spread);
                    }
                if (best is not null) break;
            }
            if (best is not { } m) break;
            Move(SuggestionKind.MoveDossiers, m.From, m.To, m.Item);
        }

        var suggestions = moves
            .GroupBy(m => (m.Kind, m.Department, From: m.From?.Source.StaffId, To: m.To.Source.StaffId))
            .Select(g =>
            {
                var items = g.Where(m => m.Item is not null).Select(m => m.Item!).ToList();
                var hours = items.Sum(i => i.Hours);
                var to = people[g.Key.To].Source;
                var loads = new List<LoadChange>();
                if (g.Key.From is { } fromId)
                {
                    var from = people[fromId].Source;
                    var left = from.Queue.Where(q => !items.Contains(q)).Sum(q => q.Hours);
                    loads.Add(new LoadChange(fromId, LoadOf(from), LoadOf(left, from.Present, from.HoursLeft)));
                }
                loads.Add(new LoadChange(to.StaffId, LoadOf(to), LoadOf(to.QueuedHours + hours, to.Present, to.HoursLeft)));
                return new Suggestion(g.Key.Kind, g.Key.Department, g.Key.From, g.Key.To, items, loads);
            })
            .ToList();
        return new BalancingPlan(suggestions, uncoverable, people.ToDictionary(p => p.Key, p => p.Value.Load));
    }

    /// <summary>The balancer's working copy of one person.</summary>
    private sealed class Person(StaffSituation source)
    {
        public StaffSituation Source { get; } = source;
        public HashSet<int> Covers { get; } = [.. source.Covers];
        public List<QueuedDossier> Queue { get; } = [.. source.Queue];
        public double Hours { get; private set; } = source.QueuedHours;
        public bool Received { get; private set; }
        public bool Gave { get; private set; }

        public double Load => LoadOf(Hours, Source.Present, Source.HoursLeft);
        public double LoadWith(double extraHours) => LoadOf(Math.Max(0, Hours + extraHours), Source.Present, Source.HoursLeft);

        public void Take(QueuedDossier item)
        {
            Queue.Remove(item);
            Hours = Queue.Count == 0 ? 0 : Hours - item.Hours; // no rounding residue on an emptied queue
            Gave = true;
        }

        public void Give(QueuedDossier item)
        {
            Queue.Add(item);
            Hours += item.Hours;
            Received = true;
        }
    }
}
