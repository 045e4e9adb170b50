using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>What <see cref="ScaleDataGenerator"/> makes: <paramref name="Dossiers"/> dossiers received over
/// <paramref name="Years"/> years up to <paramref name="NowUtc"/>, exactly <paramref name="Open"/> of them open.</summary>
public sealed record ScaleDataOptions(int Dossiers, int Open, int Years, DateTime NowUtc, int Seed = ScaleDataGenerator.DefaultSeed)
{
    public void Validate()
    {
        if (Dossiers < 1) throw new ArgumentOutOfRangeException(nameof(Dossiers), Dossiers, "At least one dossier.");
        if (Open < 0 || Open > Dossiers) throw new ArgumentOutOfRangeException(nameof(Open), Open, "Between 0 and the number of dossiers.");
        if (Years is < 1 or > 20) throw new ArgumentOutOfRangeException(nameof(Years), Years, "Between 1 and 20 years.");
    }
}

/// <summary>What was written, and how long it took.</summary>
public sealed record ScaleDataSummary(int Dossiers, int Open, int Pauses, DateTime NowUtc, TimeSpan Generation, TimeSpan Total, int Events = 0);

/// <summary>
/// Fills a migrated, empty database with the demo catalog and a large number of dossiers, fast, for
/// benchmarks: one million dossiers over three years, with their supplement pauses and their event trail
/// (the process control sheet: received, handed over, paused and resumed, approved, apology, returned), in a
/// few minutes on two cores.
/// </summary>
/// <remarks>
/// <para>The mix follows the demo profiles of <see cref="DemoCatalog.Create"/>: departments by their yearly
/// volumes, procedures by their weights, channels and result delivery by the department's shares, outcomes by
/// the on-time and late rates, about 1.5% refused or withdrawn, supplement pauses by the supplement rates.
/// Appointments and outcomes always come from <see cref="DeadlineClock"/>, so figures agree with what the
/// application computes; every instant is inside office hours and none is after "now".</para>
/// <para>Exactly <see cref="ScaleDataOptions.Open"/> dossiers are open at "now", drawn per category: 2%
/// received today, 12% overdue, 6% due within a working day, 5% waiting for a supplement, 10% with the
/// result ready, the rest due later. Their current step follows the elapsed share of the statutory time
/// (overdue ones are stuck at processing, the other agency or approval), with the handler the step's role
/// implies. The closed ones are drawn by the day they were completed (the weekday and Tết pattern, today up to
/// "now"), their intake put back by how long they took, so that results per day are steady and the last days'
/// intake is mostly the open dossiers, as in a real center.</para>
/// <para>Ids ascend with ReceivedAt (as an autoincrement key would); codes are {Dept}-{yyMMdd}-{seq} like the
/// demo's. The same options always give the same data.</para>
/// </remarks>
public static partial class ScaleDataGenerator
{
    public const int DefaultSeed = 20261118;

    /// <summary>Wednesday 18 November 2026, 10:30 in Vietnam: a working morning in the middle of a month.</summary>
    public static readonly DateTime DefaultNowUtc = new(2026, 11, 18, 3, 30, 0, DateTimeKind.Utc);

    // Shares of the open dossiers by category (the rest are due later).
    private const double TodayShare = 0.02, OverdueShare = 0.12, DueSoonShare = 0.06, PausedShare = 0.05, ReadyShare = 0.10;
    private const double RefusedRate = 0.010, WithdrawnRate = 0.005;

    /// <summary>
    /// Writes the demo catalog and the dossiers into <paramref name="db"/>, which must be migrated and empty, in
    /// one transaction. The dossier tables' secondary indexes are dropped during the load and rebuilt after it
    /// (from their own definitions, so they are exactly the migrations' ones). On SQLite the file ends in WAL mode like
    /// the app's; on PostgreSQL the tables are analysed after the load (a fresh table has no statistics yet).
    /// </summary>
    public static async Task<ScaleDataSummary> WriteAsync(OneStopDbContext db, ScaleDataOptions options, DeadlineClock? clock = null,
        CancellationToken ct = default)
    {
        options.Validate();
        clock ??= new DeadlineClock(new WorkingCalendar());
        var total = Stopwatch.StartNew();
        var catalog = DemoCatalog.Create();
        var run = new Run(catalog, clock, options);

        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        try
        {
            var sqlite = !db.IsPostgreSql;
            if (sqlite) await Execute(connection, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);
            var indexes = new List<(string Name, string Sql)>();
            await using (var cmd = connection.CreateCommand())
            {
                // Secondary indexes only: the primary keys (SQLite's have no sql; PostgreSQL's back a constraint) stay.
                cmd.CommandText = sqlite
                    ? "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('Dossiers', 'DossierPauses', 'DossierEvents') AND sql IS NOT NULL"
                    : """
                      SELECT i.indexname, i.indexdef FROM pg_indexes AS i
                      WHERE i.schemaname = current_schema() AND i.tablename IN ('Dossiers', 'DossierPauses', 'DossierEvents')
                        AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conname = i.indexname)
                      """;
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
            }

            await using (var tx = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var (name, _) in indexes) await Execute(connection, $"DROP INDEX \"{name}\"", ct, tx);
                var insert = new BulkInserter(db);
                await DemoSeeder.InsertCatalogAsync(insert, catalog.WithoutHistory(), ct);
                await insert.InsertAsync(run.Dossiers(), ct);
                await insert.InsertAsync(run.Pauses, ct);
                await insert.InsertAsync(run.Events, ct);
                foreach (var (_, sql) in indexes) await Execute(connection, sql, ct, tx);
                // The rows came with their ids: PostgreSQL's identity sequences must move past them before the app inserts.
                await OneStopSql.ResyncKeysAsync(db, ct: ct);
                await tx.CommitAsync(ct);
            }
            await Execute(connection, sqlite ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" : "ANALYZE", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new ScaleDataSummary(run.Written, options.Open, run.Pauses.Count, options.NowUtc, run.Generation, total.Elapsed, run.Events.Count);
    }

    /// <summary>The dossiers alone, in Id order, without touching a database (pauses are not returned).</summary>
    public static IEnumerable<Dossier> Generate(DemoCatalogData catalog, DeadlineClock clock, ScaleDataOptions options)
    {
        options.Validate();
        return new Run(catalog, clock, options).Dossiers();
    }

    private static async Task Execute(DbConnection connection, string sql, CancellationToken ct, IDbContextTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx?.GetDbTransaction();
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // ---------------------------------------------------------------------------------------------

    private sealed class Proc
    {
        public required Procedure Procedure;
        public required ProcedureStep[] Steps;
        /// <summary>Statutory time in office seconds.</summary>
        public required long S;
        /// <summary>Cumulative share of the steps before the return step, normalized to end at 1.</summary>
        public required double[] CumShare;
        public required double OnTimeRate, LateRate, SupplementRate, PostResultShare, LateMeanDays;
        public required int[] StuckSteps;
    }

    private sealed class Dept
    {
        public required Department Department;
        public required DepartmentProfile Profile;
        public required WeightedIdPicker Reception, Officers, Leaders, Procs;
        public required Dictionary<int, Proc> ById;
    }

    private enum Kind : byte { Today, Overdue, DueSoon, Later, Paused, Ready }

    private sealed partial class Run
    {
        private readonly DeadlineClock _clock;
        private readonly ScaleDataOptions _o;
        private readonly DateTime _now;
        private readonly Random _rnd;
        private readonly WorkTimeline _tl;
        private readonly long _L, _nowM, _todayStartM;
        private readonly int _todayK, _nowYear;
        private readonly DateOnly _first;
        private readonly Dept[] _depts;
        private readonly WeightedIdPicker _deptPicker;
        private readonly Dictionary<int, Dept> _deptById;
        private readonly int _trackingBase;
        private int _trackingSerial;
        private readonly Stopwatch _generation = new();

        public List<DossierPause> Pauses { get; } = [];
        public int Written { get; private set; }
        public TimeSpan Generation => _generation.Elapsed;

        public Run(DemoCatalogData catalog, DeadlineClock clock, ScaleDataOptions options)
        {
            _clock = clock;
            _o = options;
            _now = options.NowUtc.Kind == DateTimeKind.Local ? options.NowUtc.ToUniversalTime() : DateTime.SpecifyKind(options.NowUtc, DateTimeKind.Utc);
            _rnd = new Random(options.Seed);
            var today = WorkingCalendar.LocalDate(_now);
            _nowYear = today.Year;
            _first = today.AddYears(-options.Years).AddDays(1);
            // Margins: overdue open dossiers received before the window, appointments long after now.
            _tl = new WorkTimeline(clock.Calendar, _first.AddDays(-400), today.AddDays(800));
            _L = _tl.DayLength;
            _nowM = _tl.M(_now);
            _todayStartM = _tl.M(WorkingCalendar.ToUtc(today.ToDateTime(TimeOnly.MinValue)));
            _todayK = (int)(_todayStartM / _L);
            _trackingBase = 10_000_000 + _rnd.Next(0, 40_000_000);

            var stepsByProc = catalog.Steps.GroupBy(s => s.ProcedureId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Order).ToArray());
            var depts = new List<Dept>();
            foreach (var d in catalog.Departments.OrderBy(d => d.Id))
            {
                if (!catalog.DepartmentProfiles.TryGetValue(d.Id, out var dp) || dp.AnnualVolume <= 0) continue;
                var procs = new Dictionary<int, Proc>();
                var weights = new List<(int, int)>();
                foreach (var p in catalog.Procedures.Where(p => p.DepartmentId == d.Id).OrderBy(p => p.Id))
                {
                    var pp = catalog.ProcedureProfiles.TryGetValue(p.Id, out var x) ? x : new ProcedureProfile(p.Id, 1);
                    if (pp.Weight <= 0) continue;
                    var steps = stepsByProc[p.Id];
                    if (steps.Length < 3 || steps[0].Kind != StepKind.Reception || steps[^1].Kind != StepKind.Return)
                        throw new InvalidOperationException($"Procedure {p.Id}: the generator needs a Reception first step and a Return last step.");
                    var cum = new double[steps.Length - 1];
                    double sum = steps.Take(steps.Length - 1).Sum(s => s.Share), acc = 0;
                    for (int i = 0; i < cum.Length; i++) cum[i] = acc += steps[i].Share / sum;
                    cum[^1] = 1;
                    procs[p.Id] = new Proc
                    {
                        Procedure = p, Steps = steps, CumShare = cum,
                        S = (long)clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit).TotalSeconds,
                        OnTimeRate = pp.OnTimeRate ?? dp.OnTimeRate,
                        LateRate = pp.LateRate ?? dp.LateRate,
                        SupplementRate = pp.SupplementRate ?? dp.SupplementRate,
                        PostResultShare = p.ResultByPost ? pp.PostResultShare ?? dp.PostResultShare : 0,
                        LateMeanDays = pp.LateMeanDays,
                        // Where overdue dossiers sit: with the officer, the other agency or the leader.
                        StuckSteps = Enumerable.Range(1, steps.Length - 2)
                            .SelectMany(i => Enumerable.Repeat(i, steps[i].Kind switch { StepKind.Processing => 6, StepKind.InterAgency => 3, _ => 2 }))
                            .ToArray(),
                    };
                    weights.Add((p.Id, pp.Weight));
                }
                if (procs.Count == 0) continue;
                depts.Add(new Dept
                {
                    Department = d, Profile = dp, ById = procs, Procs = new WeightedIdPicker(weights),
                    Reception = new WeightedIdPicker(dp.Reception),
                    Officers = new WeightedIdPicker(dp.Officers),
                    Leaders = new WeightedIdPicker(dp.Leaders),
                });
            }
            if (depts.Count == 0) throw new InvalidOperationException("The catalog has no department with a profile.");
            _depts = depts.ToArray();
            _deptById = _depts.ToDictionary(d => d.Department.Id);
            _deptPicker = new WeightedIdPicker(_depts.Select(d => (d.Department.Id, d.Profile.AnnualVolume)));
        }

        // ---- the stream, in ReceivedAt order ----------------------------------------------------

        public IEnumerable<Dossier> Dossiers()
        {
            _generation.Start();
            var open = OpenDossiers();
            var closed = PlanClosed();
            _generation.Stop();

            int o = 0;
            long id = 0;
            var seq = new Dictionary<int, int>();
            DateOnly codeDay = default;
            string dayText = "";

            Dossier Stamp(Dossier d)
            {
                d.Id = ++id;
                var date = WorkingCalendar.LocalDate(d.ReceivedAt);
                if (date != codeDay)
                {
                    codeDay = date;
                    seq.Clear();
                    dayText = date.ToString("yyMMdd", CultureInfo.InvariantCulture);
                }
                int n = seq.TryGetValue(d.DepartmentId, out var s) ? s + 1 : 1;
                seq[d.DepartmentId] = n;
                d.Code = string.Concat(_deptById[d.DepartmentId].Department.Code, "-", dayText, "-", n.ToString("0000", CultureInfo.InvariantCulture));
                if (d.PausedSince is { } since) Pauses.Add(NewPause(d.Id, since, null));
                Written++;
                return d;
            }

            Dossier WithTrail(Dossier d, DateTime? pauseStart, DateTime? pauseEnd)
            {
                Trail(d, _deptById[d.DepartmentId].ById[d.ProcedureId], pauseStart, pauseEnd);
                return d;
            }

            foreach (var plan in closed)
            {
                var received = _tl.W(plan.Mr);
                while (o < open.Count && open[o].ReceivedAt < received) yield return OpenOne(open[o++]);
                _generation.Start();
                var d = Stamp(Closed(plan, received));
                if (d.PausedWorkingMinutes > 0)
                {
                    Pauses.Add(NewPause(d.Id, _tl.W(plan.Ps), _tl.W(plan.Pe)));
                    WithTrail(d, _tl.W(plan.Ps), _tl.W(plan.Pe));
                }
                else WithTrail(d, null, null);
                _generation.Stop();
                yield return d;
            }
            while (o < open.Count) yield return OpenOne(open[o++]);

            Dossier OpenOne(Dossier d)
            {
                Stamp(d);
                return WithTrail(d, d.PausedSince, null);
            }
        }

        private DossierPause NewPause(long dossierId, DateTime start, DateTime? end) => new()
        {
            Id = Pauses.Count + 1, DossierId = dossierId, StartedAt = start, EndedAt = end,
            Reason = DemoTexts.SupplementReasons[(int)(dossierId % DemoTexts.SupplementReasons.Length)],
        };

        // ---- open dossiers ------------------------------------------------------------------------

        private List<Dossier> OpenDossiers()
        {
            int total = _o.Open;
            bool todayOpen = _nowM - _todayStartM > 60;
            int today = todayOpen ? (int)Math.Round(total * TodayShare) : 0;
            int overdue = (int)Math.Round(total * OverdueShare), dueSoon = (int)Math.Round(total * DueSoonShare);
            int paused = (int)Math.Round(total * PausedShare), ready = (int)Math.Round(total * ReadyShare);
            int later = Math.Max(0, total - today - overdue - dueSoon - paused - ready);
            var list = new List<Dossier>(total);
            foreach (var (kind, count) in new[] { (Kind.Today, today), (Kind.Overdue, overdue), (Kind.DueSoon, dueSoon), (Kind.Paused, paused), (Kind.Ready, ready), (Kind.Later, later) })
                for (int i = 0; i < count && list.Count < total; i++)
                    list.Add(Open(kind));
            list.Sort((a, b) => a.ReceivedAt.CompareTo(b.ReceivedAt));
            return list;
        }

        private Dossier Open(Kind kind)
        {
            var rnd = _rnd;
            var dept = _deptById[_deptPicker.Pick(rnd)];
            var pi = dept.ById[dept.Procs.Pick(rnd)];
            long S = pi.S, L = _L;
            if (kind == Kind.Later && S <= L + 60) kind = Kind.DueSoon;
            long e = kind switch
            {
                Kind.Today => Between(1, _nowM - _todayStartM - 1),
                Kind.Overdue => S + Math.Min(40 * L, 60 + (long)Exp(2.5 * L)),
                Kind.DueSoon => S - Between(60, Math.Min(L, S - 1)),
                Kind.Later => S - Between(L + 60, S),
                Kind.Paused => (long)(S * U(0.1, 0.9)),
                _ => (long)(S * U(0.4, 1.3)),
            };
            e = Math.Max(1, e);
            long mr = _nowM - e;
            var received = _tl.W(mr);
            var d = NewDossier(dept, pi, received);
            var steps = pi.Steps;
            double f = (double)e / S;
            int step;
            switch (kind)
            {
                case Kind.Paused:
                    {
                        step = rnd.NextDouble() < 0.25 ? 0 : StepAt(pi, f * 0.8);
                        long ps = mr + Math.Max(1, (long)(e * U(0.3, 0.95)));
                        d.Status = DossierStatus.WaitingSupplement;
                        d.PausedSince = _tl.W(Math.Min(ps, _nowM - 1));
                        d.AppointmentAt = _clock.AppointmentWithPauses(received, TimeSpan.FromSeconds(S), [new PauseInterval(d.PausedSince.Value, null)], _now);
                        break;
                    }
                case Kind.Ready:
                    {
                        step = steps.Length - 1;
                        long mc = mr + Math.Max(1, (long)(e * U(0.75, 0.99)));
                        var completed = _tl.W(Math.Min(mc, _nowM - 1));
                        d.Status = DossierStatus.ResultReady;
                        d.CompletedAt = completed;
                        d.Outcome = _clock.OutcomeOf(completed, d.AppointmentAt);
                        d.StepEnteredAt = completed;
                        break;
                    }
                default:
                    step = kind == Kind.Overdue ? pi.StuckSteps[rnd.Next(pi.StuckSteps.Length)] : StepAt(pi, f);
                    d.Status = step == 0 ? DossierStatus.Received : DossierStatus.InProgress;
                    break;
            }
            d.CurrentStep = steps[step].Order;
            d.CurrentHandlerId = steps[step].Kind switch
            {
                StepKind.Reception or StepKind.Return => dept.Reception.Pick(rnd),
                StepKind.Processing => dept.Officers.Pick(rnd),
                StepKind.Approval => dept.Leaders.Pick(rnd),
                _ => null,
            };
            if (d.Status != DossierStatus.ResultReady && step > 0)
                d.StepEnteredAt = _tl.W(Math.Min(_nowM - 1, mr + (long)(pi.CumShare[step - 1] * Math.Min(e, S))));
            return d;
        }

        private static int StepAt(Proc pi, double f)
        {
            int i = 0;
            while (i < pi.CumShare.Length - 1 && f >= pi.CumShare[i]) i++;
            return i;
        }

        // ---- closed dossiers ----------------------------------------------------------------------

        private enum Fate : byte { Returned, Refused, Withdrawn }

        /// <summary>A closed dossier before it becomes an entity: office seconds of intake, completion and pause; what it is.</summary>
        private struct ClosedPlan
        {
            public long Mr, Mc, Ps, Pe;
            public int Dept, Proc;
            public Fate Fate;
        }

        /// <summary>
        /// Closed dossiers are drawn by the day they were completed (the weekday and Tết pattern, today up to now),
        /// then their intake is put back by how long they took: early ones within the statutory time, on-time ones
        /// at its end, late ones after it, plus any supplement pause. So results per day are steady and the
        /// dossiers received in the last days are mostly the open ones, as in a real center. Sorted by intake.
        /// </summary>
        private ClosedPlan[] PlanClosed()
        {
            int closed = _o.Dossiers - _o.Open;
            var plans = new ClosedPlan[closed];
            if (closed == 0) return plans;
            var rnd = _rnd;
            long L = _L, elapsedToday = _nowM - _todayStartM;
            var weight = new double[_todayK + 1];
            var tet = _tl.TetIntakeFactors();
            for (int k = 0; k < weight.Length && k < _tl.WorkingDayCount; k++)
            {
                var date = _tl.DateOfWorkingDay(k);
                if (date < _first) continue;
                weight[k] = date.DayOfWeek switch
                {
                    DayOfWeek.Monday => 1.18,
                    DayOfWeek.Tuesday => 1.06,
                    DayOfWeek.Wednesday => 1.0,
                    DayOfWeek.Thursday => 0.97,
                    DayOfWeek.Friday => 0.86,
                    _ => 0.5, // a Saturday worked in exchange for a bridging day off
                } * (tet.TryGetValue(k, out var t) ? t : 1);
            }
            // Today only up to now: nothing when "now" is before the opening or on a day off.
            weight[_todayK] *= Math.Min(1.0, (double)elapsedToday / L);
            double total = weight.Sum();
            if (total <= 0) throw new InvalidOperationException("No working time before now in the window.");
            int lastK = Array.FindLastIndex(weight, w => w > 0);

            int n = 0;
            double cum = 0;
            for (int k = 0; k <= lastK; k++)
            {
                cum += weight[k] / total * closed;
                int upTo = k == lastK ? closed : Math.Min(closed, (int)Math.Round(cum));
                for (; n < upTo; n++)
                {
                    long mc = k == _todayK ? _todayStartM + Between(0, elapsedToday - 1) : _tl.OpeningOfWorkingDay(k) + _tl.RandomOfficeSecond(_rnd);
                    var dept = _deptById[_deptPicker.Pick(rnd)];
                    var pi = dept.ById[dept.Procs.Pick(rnd)];
                    long S = pi.S;
                    ref var plan = ref plans[n];
                    plan.Mc = mc;
                    plan.Dept = dept.Department.Id;
                    plan.Proc = pi.Procedure.Id;
                    double u = rnd.NextDouble();
                    if (u < RefusedRate + WithdrawnRate)
                    {
                        plan.Fate = u < RefusedRate ? Fate.Refused : Fate.Withdrawn;
                        plan.Mr = mc - Math.Max(60, (long)(S * U(0.05, 0.9)));
                        continue;
                    }
                    double x = rnd.NextDouble();
                    long active = x < pi.LateRate ? S + 60 + (long)Exp(pi.LateMeanDays * L)
                        : x < pi.LateRate + pi.OnTimeRate ? (long)(S * U(0.9, 1.0))
                        : Math.Max(600, (long)(S * U(0.15, 0.85)));
                    long pause = rnd.NextDouble() < pi.SupplementRate ? (long)(L * Math.Min(15.0, 0.3 + Exp(2.5))) : 0;
                    plan.Mr = mc - active - pause;
                    if (pause > 0)
                    {
                        plan.Ps = plan.Mr + Math.Max(60, (long)(active * U(0.1, 0.5)));
                        plan.Pe = plan.Ps + pause;
                    }
                }
            }
            Array.Sort(plans, (a, b) => a.Mr.CompareTo(b.Mr));
            return plans;
        }

        private Dossier Closed(in ClosedPlan plan, DateTime received)
        {
            var rnd = _rnd;
            var dept = _deptById[plan.Dept];
            var pi = dept.ById[plan.Proc];
            var d = NewDossier(dept, pi, received);
            var steps = pi.Steps;
            var completed = _tl.W(plan.Mc);
            d.CurrentHandlerId = null;
            d.CompletedAt = completed;

            if (plan.Fate != Fate.Returned)
            {
                int step = plan.Fate == Fate.Refused && rnd.NextDouble() < 0.5 ? 0 : StepAt(pi, (double)(plan.Mc - plan.Mr) / pi.S);
                d.Status = plan.Fate == Fate.Refused ? DossierStatus.Refused : DossierStatus.Withdrawn;
                d.CurrentStep = steps[step].Order;
                d.StepEnteredAt = step == 0 ? received : _tl.W(plan.Mr + (long)(pi.CumShare[step - 1] * (plan.Mc - plan.Mr)));
                return d;
            }

            if (plan.Pe > 0)
            {
                var start = _tl.W(plan.Ps);
                var end = _tl.W(plan.Pe);
                d.AppointmentAt = _clock.AppointmentWithPauses(received, TimeSpan.FromSeconds(pi.S), [new PauseInterval(start, end)], _now);
                d.PausedWorkingMinutes = Math.Max(1, (int)Math.Round(_clock.Calendar.WorkingTimeBetween(start, end).TotalMinutes));
            }
            var outcome = _clock.OutcomeOf(completed, d.AppointmentAt);
            if (outcome == Outcome.Late && rnd.NextDouble() < 0.3)
            {
                // An apology letter set a new appointment, which the result then met.
                d.ApologyIssued = true;
                d.AppointmentAt = _tl.W(plan.Mc + Between(0, _L / 2));
            }
            long mret = plan.Mc + Between(60, d.ResultDelivery == ResultDelivery.Post ? _L : 3 * _L);
            if (mret >= _nowM) mret = plan.Mc + (_nowM - plan.Mc) / 2;

            d.Status = DossierStatus.Returned;
            d.CurrentStep = steps[^1].Order;
            d.StepEnteredAt = completed;
            d.ReturnedAt = _tl.W(mret);
            d.Outcome = outcome;
            if (d.ResultDelivery == ResultDelivery.Post) d.PostalTrackingNumber = NextTrackingNumber();
            if (rnd.NextDouble() < 0.25) d.Satisfied = rnd.NextDouble() < (outcome == Outcome.Late ? 0.7 : 0.97);
            return d;
        }

        // ---- common -------------------------------------------------------------------------------

        private Dossier NewDossier(Dept dept, Proc pi, DateTime received)
        {
            var rnd = _rnd;
            var p = pi.Procedure;
            var profile = dept.Profile;
            double x = rnd.NextDouble();
            var channel = x < profile.OnlineShare ? Channel.Online : x < profile.OnlineShare + profile.PostIntakeShare ? Channel.Post : Channel.Counter;
            if (!p.Allows(channel)) channel = p.Allows(Channel.Online) ? Channel.Online : p.Allows(Channel.Counter) ? Channel.Counter : Channel.Post;
            var delivery = p.ResultByPost && rnd.NextDouble() < (channel == Channel.Post ? 0.8 : pi.PostResultShare) ? ResultDelivery.Post : ResultDelivery.Counter;
            var applicant = DemoApplicants.Next(rnd, _nowYear);
            var due = _clock.Appointment(received, p.StatutoryAmount, p.StatutoryUnit);
            return new Dossier
            {
                Code = "",
                ProcedureId = p.Id,
                DepartmentId = dept.Department.Id,
                Channel = channel,
                ResultDelivery = delivery,
                ApplicantName = applicant.Name,
                ApplicantPhone = applicant.Phone,
                ApplicantIdNumber = applicant.IdNumber,
                ApplicantAddress = applicant.Address,
                ResultPostalAddress = delivery == ResultDelivery.Post ? applicant.Address : null,
                ReceivedAt = received,
                AppointmentAt = due,
                OriginalAppointmentAt = due,
                Status = DossierStatus.Received,
                CurrentStep = 1,
                CurrentHandlerId = dept.Reception.Pick(rnd),
                StepEnteredAt = received,
                Version = 1,
            };
        }

        /// <summary>A UPU S10 item number for domestic EMS ("EL" + 8 digits + check digit + "VN").</summary>
        private string NextTrackingNumber()
        {
            int serial = (int)((_trackingBase + 7L * ++_trackingSerial) % 100_000_000);
            ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
            Span<char> digits = stackalloc char[8];
            serial.TryFormat(digits, out _, "00000000", CultureInfo.InvariantCulture);
            int sum = 0;
            for (int i = 0; i < 8; i++) sum += (digits[i] - '0') * weights[i];
            int check = 11 - sum % 11;
            if (check == 10) check = 0;
            else if (check == 11) check = 5;
            return string.Concat("EL", digits, check.ToString(CultureInfo.InvariantCulture), "VN");
        }

        private double Exp(double mean) => -Math.Log(1 - _rnd.NextDouble()) * mean;
        private double U(double lo, double hi) => lo + (hi - lo) * _rnd.NextDouble();
        private long Between(long lo, long hi) => hi <= lo ? lo : lo + (long)(_rnd.NextDouble() * (hi - lo + 1));
    }
}
