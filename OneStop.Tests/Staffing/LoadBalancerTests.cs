using OneStop.Domain.Staffing.Balancing;

namespace OneStop.Tests.Staffing;

/// <summary>
/// The balancing algorithm: a fixture worked out by hand, and its guarantees checked on many random situations
/// (never to someone absent or untrained, never a covered department left uncovered when someone could cover it,
/// never a higher peak load, whichever suggestions are applied in whatever order).
/// </summary>
public sealed class LoadBalancerTests
{
    private static readonly DateTime Noon = new(2026, 11, 18, 5, 0, 0, DateTimeKind.Utc);

    private static QueuedDossier Item(string code, int department, double hours, int order) =>
        new(code, 1, department, QueueStep.HandOver, hours, Noon.AddMinutes(order));

    private static StaffSituation Person(int id, bool present, int[] covers, int[] trained, params QueuedDossier[] queue) =>
        new(id, $"S{id}", present, 4, trained.ToHashSet(), covers.ToHashSet(), queue);

    /// <summary>
    /// Four hours left for everyone. A covers 1 and holds a1..a8 (0.5 h each): load 1.0. B is absent, covers 2 and
    /// holds b1, b2 (0.5 h each). C covers 1 and 3, holds c1 of department 3: 0.125. E covers nothing, is trained for
    /// 2. D is trained for nothing. Department 4 is covered by the post office but nobody is trained for it.
    /// By hand: department 2 has nobody present covering it and E is the only one present trained for it, so E gets
    /// it with B's b1, b2 (B ∞ → 0, E 0 → 0.25). Then A (1.0, the only one who can give) gives to C, who covers 1:
    /// a1 (A .875, C .25), a2 (.75, .375), a3 (.625, .5); then the gap .125 is under the 0.25 threshold and it
    /// stops. D and E never get department 1 (not trained), department 4 is reported as uncoverable.
    /// </summary>
    [Fact]
    public void The_fixture_gives_the_plan_worked_out_by_hand()
    {
        var a = Enumerable.Range(1, 8).Select(i => Item($"a{i}", 1, 0.5, i)).ToArray();
        var staff = new[]
        {
            Person(1, true, [1], [1], a),
            Person(2, false, [2], [2], Item("b1", 2, 0.5, 20), Item("b2", 2, 0.5, 21)),
            Person(3, true, [1, 3], [1, 3], Item("c1", 3, 0.5, 30)),
            Person(4, true, [], []),
            Person(5, true, [], [2]),
        };

        var plan = LoadBalancer.Plan(staff, [1, 2, 3, 4]);

        Assert.Equal(2, plan.Suggestions.Count);
        var cover = plan.Suggestions[0];
        Assert.Equal((SuggestionKind.CoverDepartment, 2, (int?)2, 5), (cover.Kind, cover.DepartmentId, cover.FromStaffId, cover.ToStaffId));
        Assert.Equal(["b1", "b2"], cover.Dossiers.Select(d => d.Code));
        Assert.Equal([new LoadChange(2, double.PositiveInfinity, 0), new LoadChange(5, 0, 0.25)], cover.Loads);

        var move = plan.Suggestions[1];
        Assert.Equal((SuggestionKind.MoveDossiers, 1, (int?)1, 3), (move.Kind, move.DepartmentId, move.FromStaffId, move.ToStaffId));
        Assert.Equal(["a1", "a2", "a3"], move.Dossiers.Select(d => d.Code));
        Assert.Equal([new LoadChange(1, 1.0, 0.625), new LoadChange(3, 0.125, 0.5)], move.Loads);

        Assert.Equal([4], plan.Uncoverable);
        Assert.Equal(0.625, plan.LoadsAfter[1]);
        Assert.Equal(0.5, plan.LoadsAfter[3]);
        Assert.Equal(0, plan.LoadsAfter[4]);
    }

    [Fact]
    public void Even_loads_give_no_suggestion()
    {
        var staff = new[]
        {
            Person(1, true, [1], [1], Item("x1", 1, 1, 1)),
            Person(2, true, [1], [1], Item("y1", 1, 1, 2)),
        };
        var plan = LoadBalancer.Plan(staff, [1]);
        Assert.Empty(plan.Suggestions);
        Assert.Empty(plan.Uncoverable);
    }

    [Fact]
    public void Load_index_is_queued_hours_over_hours_left_and_infinite_for_an_absent_person_with_work()
    {
        Assert.Equal(0.5, LoadBalancer.LoadOf(3, true, 6));
        Assert.Equal(0, LoadBalancer.LoadOf(0, true, 6));
        Assert.Equal(double.PositiveInfinity, LoadBalancer.LoadOf(1, false, 6));
        Assert.Equal(0, LoadBalancer.LoadOf(0, false, 6));
    }

    [Fact]
    public void Properties_hold_on_random_situations()
    {
        var rnd = new Random(20261118);
        var checkedSuggestions = 0;
        for (var round = 0; round < 400; round++)
        {
            var departments = Enumerable.Range(1, rnd.Next(1, 7)).ToArray();
            var everyonePresent = round % 2 == 0;
            var hoursLeft = round % 3 == 0 ? 0.5 + rnd.NextDouble() * 7 : 6;
            var code = 0;
            var staff = Enumerable.Range(1, rnd.Next(2, 8)).Select(id =>
            {
                var trained = departments.Where(_ => rnd.NextDouble() < 0.5).ToHashSet();
                var covers = trained.Where(_ => rnd.NextDouble() < 0.6).ToHashSet();
                // People mostly hold dossiers of departments they cover; sometimes one they were taken off.
                var pool = covers.Count > 0 && rnd.NextDouble() < 0.9 ? covers.ToArray() : departments;
                var queue = Enumerable.Range(0, rnd.Next(0, 12))
                    .Select(_ => Item($"d{++code}", pool[rnd.Next(pool.Length)], Math.Round(0.05 + rnd.NextDouble(), 2), rnd.Next(1000)))
                    .ToList();
                var present = everyonePresent || rnd.NextDouble() < 0.7;
                return new StaffSituation(id, $"S{id}", present, round % 5 == 0 ? 0.5 + rnd.NextDouble() * 7 : hoursLeft, trained, covers, queue);
            }).ToList();

            var plan = LoadBalancer.Plan(staff, departments);
            var byId = staff.ToDictionary(s => s.StaffId);

            // Never to someone absent or untrained; the dossiers are the giver's, of the named department.
            foreach (var s in plan.Suggestions)
            {
                var to = byId[s.ToStaffId];
                Assert.True(to.Present, $"round {round}: {s.Key} goes to someone absent");
                Assert.True(to.MayCover(s.DepartmentId), $"round {round}: {s.Key} goes to someone not trained");
                Assert.NotEqual(s.FromStaffId, s.ToStaffId);
                foreach (var d in s.Dossiers)
                {
                    Assert.Equal(s.DepartmentId, d.DepartmentId);
                    Assert.Contains(d, byId[s.FromStaffId!.Value].Queue);
                }
                Assert.True(s.Kind == SuggestionKind.CoverDepartment || to.Covers.Contains(s.DepartmentId),
                    $"round {round}: {s.Key} moves dossiers to someone who does not cover the department without giving it");
                checkedSuggestions++;
            }
            Assert.Equal(plan.Suggestions.SelectMany(s => s.Dossiers).Count(), plan.Suggestions.SelectMany(s => s.Dossiers).Distinct().Count());

            // Never a covered department left uncovered when someone present could cover it.
            var coversAfter = staff.ToDictionary(s => s.StaffId, s => s.Covers.ToHashSet());
            foreach (var s in plan.Suggestions.Where(s => s.Kind == SuggestionKind.CoverDepartment)) coversAfter[s.ToStaffId].Add(s.DepartmentId);
            foreach (var d in departments)
            {
                var someoneCould = staff.Any(s => s.Present && s.MayCover(d));
                var covered = staff.Any(s => s.Present && coversAfter[s.StaffId].Contains(d));
                Assert.Equal(someoneCould, covered);
                Assert.Equal(!someoneCould, plan.Uncoverable.Contains(d));
            }

            // Never a higher peak: every suggestion alone, all of them, and a random subset in random order.
            var peak = staff.Max(LoadBalancer.LoadOf);
            foreach (var s in plan.Suggestions)
                Assert.True(PeakAfter(staff, [s]) <= peak + 1e-9, $"round {round}: {s.Key} raises the peak above {peak}");
            Assert.True(PeakAfter(staff, plan.Suggestions) <= peak + 1e-9, $"round {round}: the whole plan raises the peak");
            var subset = plan.Suggestions.Where(_ => rnd.NextDouble() < 0.5).OrderBy(_ => rnd.Next()).ToList();
            Assert.True(PeakAfter(staff, subset) <= peak + 1e-9, $"round {round}: a subset raises the peak");
            Assert.Equal(PeakAfter(staff, plan.Suggestions), plan.LoadsAfter.Values.Max(), 9);
        }
        Assert.True(checkedSuggestions > 200, $"only {checkedSuggestions} suggestions were produced: the generator is too tame to test anything");
    }

    private static double PeakAfter(IReadOnlyList<StaffSituation> staff, IEnumerable<Suggestion> applied)
    {
        var queues = staff.ToDictionary(s => s.StaffId, s => s.Queue.ToList());
        foreach (var s in applied)
            foreach (var d in s.Dossiers)
            {
                Assert.True(queues[s.FromStaffId!.Value].Remove(d));
                queues[s.ToStaffId].Add(d);
            }
        return staff.Max(s => LoadBalancer.LoadOf(queues[s.StaffId].Sum(q => q.Hours), s.Present, s.HoursLeft));
    }
}
