namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>The suggested set, how it was found, and how many complete sets were checked.</summary>
public sealed record Suggestion(PlanResult Plan, bool Exact, long SetsChecked);

/// <summary>
/// Which departments to hand to the post office for a given number of postal staff: the set that frees the most
/// official counter hours a week while every slot's need (<see cref="HandoverModel.StaffNeeded"/>) stays within the
/// staff; on a tie, the one needing fewer postal staff-hours. Up to <see cref="ExactLimit"/> candidates the search is
/// exact: depth-first over include/exclude, pruned only by the bound "hours freed so far + all the rest still
/// undecided cannot beat the best", so every set that could win is checked in full (no assumption that adding a
/// department never helps the queue, which Erlang C does not guarantee when a quick procedure lowers the mean
/// service time). Above it, greedy: add the feasible department freeing the most hours per extra staff-hour.
/// </summary>
public static class HandoverSuggester
{
    public const int ExactLimit = 20;
    private const double Epsilon = 1e-6;

    public static Suggestion Suggest(HandoverInputs inputs, int postalStaff, HandoverOptions options, IReadOnlySet<int>? candidates = null)
    {
        var pool = inputs.Departments.Where(d => candidates is null || candidates.Contains(d.DepartmentId))
            .Select(d => new Candidate(d, HandoverModel.OfficialHours(inputs, d, options)))
            .OrderByDescending(c => c.Freed).ThenBy(c => c.Demand.DepartmentId).ToList();
        var search = new Search(inputs, pool, postalStaff, options);
        var exact = pool.Count <= ExactLimit;
        var chosen = exact ? search.Exact() : search.Greedy();
        return new Suggestion(HandoverModel.Evaluate(inputs, chosen, postalStaff, options), exact, search.Checked);
    }

    private sealed record Candidate(DepartmentDemand Demand, double Freed);

    private sealed class Search(HandoverInputs inputs, List<Candidate> pool, int staff, HandoverOptions options)
    {
        private readonly int _slots = inputs.Slots.Count;
        private readonly double[] _lambda = new double[inputs.Slots.Count], _load = new double[inputs.Slots.Count], _back = new double[inputs.Slots.Count];
        private readonly bool[] _in = new bool[pool.Count];
        private double _bestFreed = -1, _bestHours = double.MaxValue;
        private HashSet<int> _best = [];
        public long Checked { get; private set; }

        public IReadOnlySet<int> Exact()
        {
            var rest = new double[pool.Count + 1];
            for (var i = pool.Count - 1; i >= 0; i--) rest[i] = rest[i + 1] + pool[i].Freed;
            Visit(0, 0, rest);
            return _best;
        }

        private void Visit(int i, double freed, double[] rest)
        {
            if (freed + rest[i] < _bestFreed - Epsilon) return;
            if (i == pool.Count)
            {
                Checked++;
                if (!Feasible(_lambda, _load, _back)) return;
                var hours = StaffHours(_lambda, _load, _back);
                if (freed > _bestFreed + Epsilon || (freed > _bestFreed - Epsilon && hours < _bestHours - Epsilon))
                {
                    (_bestFreed, _bestHours) = (freed, hours);
                    _best = pool.Where((_, k) => _in[k]).Select(c => c.Demand.DepartmentId).ToHashSet();
                }
                return;
            }
            Add(pool[i].Demand, +1);
            _in[i] = true;
            Visit(i + 1, freed + pool[i].Freed, rest);
            Add(pool[i].Demand, -1);
            _in[i] = false;
            Visit(i + 1, freed, rest);
        }

        public IReadOnlySet<int> Greedy()
        {
            var chosen = new HashSet<int>();
            var left = pool.ToList();
            while (true)
            {
                Candidate? pick = null;
                double pickScore = double.MinValue, hoursNow = StaffHours(_lambda, _load, _back);
                foreach (var c in left)
                {
                    Add(c.Demand, +1);
                    Checked++;
                    if (Feasible(_lambda, _load, _back))
                    {
                        var score = c.Freed / (StaffHours(_lambda, _load, _back) - hoursNow + 0.01);
                        if (score > pickScore) (pick, pickScore) = (c, score);
                    }
                    Add(c.Demand, -1);
                }
                if (pick is null) return chosen;
                Add(pick.Demand, +1);
                chosen.Add(pick.Demand.DepartmentId);
                left.Remove(pick);
            }
        }

        private void Add(DepartmentDemand d, int sign)
        {
            for (var s = 0; s < _slots; s++)
            {
                _lambda[s] += sign * d.CounterPerHour[s];
                _load[s] += sign * d.CounterPerHour[s] * d.CounterMinutes / 60;
                _back[s] += sign * d.BackOfficeHoursPerHour[s];
            }
        }

        /// <summary>
        /// Every slot within the staff: the work fits, and the service level with exactly that staff is met (it only
        /// rises with more servers, so meeting it at the staff is the same as needing no more than the staff).
        /// </summary>
        private bool Feasible(double[] lambda, double[] load, double[] back)
        {
            for (var s = 0; s < _slots; s++)
            {
                var a = Math.Max(0, load[s]);
                var b = Math.Max(0, back[s]);
                if (a <= Epsilon && b <= Epsilon) continue;
                if (Math.Ceiling((a + b) / options.ProductiveShare - 1e-9) > staff) return false;
                if (a <= Epsilon) continue;
                if (a >= staff) return false;
                if (ErlangC.ServiceLevel(staff, a, a * 60 / lambda[s], options.AnswerMinutes) < options.TargetShare - 1e-12) return false;
            }
            return true;
        }

        private double StaffHours(double[] lambda, double[] load, double[] back)
        {
            var hours = 0.0;
            for (var s = 0; s < _slots; s++)
                if (load[s] > Epsilon || back[s] > Epsilon)
                    hours += inputs.Slots[s].OpenHours * HandoverModel.StaffNeeded(Math.Max(0, lambda[s]), Math.Max(0, load[s]), Math.Max(0, back[s]), options);
            return hours;
        }
    }
}
