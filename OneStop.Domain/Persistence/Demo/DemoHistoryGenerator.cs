using System.Globalization;
using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Persistence.Demo;

/// <summary>
/// Generates a year of dossier history for the demo catalog, ending at a given "now", deterministically from a
/// seed: dossiers with their full process-control trail (events), supplement pauses, outcomes, apology letters,
/// and the dossiers still open at "now" in every non-final status.
/// </summary>
/// <remarks>
/// <para>Method. Intake is drawn per department and working day (Poisson, seed 000's yearly volumes, a weekday
/// pattern and a dip after Tết), at times inside office hours. Each dossier is then simulated to its end: its
/// target outcome (early / on time / late, at per-procedure rates calibrated on seed 002) fixes when the result is
/// ready, the time in between is shared among the steps by their shares (the step that overran owns the
/// lateness), a supplement pause stops the clock, and the result is returned at the counter or by post. Finally
/// the trail is cut at "now": what happens later is dropped, so the dossiers received in the last days are open
/// in whatever state their trail reached. Nothing is after "now".</para>
/// <para>Deadlines and outcomes always come from <see cref="DeadlineClock"/> (<c>Appointment</c>,
/// <c>AppointmentWithPauses</c>, <c>OutcomeOf</c>), so the data agree with what the application computes.</para>
/// <para>Conventions the generated data follow. Ids: dossiers 1..N in ReceivedAt order; events 1..E in At order
/// (ties keep each dossier's own order); pauses 1..P in dossier order. A dossier's Status, CurrentStep and
/// CurrentHandlerId are its last event's ToStatus, ToStep and ToHandlerId; final statuses have no handler;
/// StepEnteredAt is the time of its last Received, HandedOver, SentBack or Approved event. Inter-agency steps have
/// no handler (null) and the agency's name in the note of the event that hands the dossier to them. Outcome is set
/// once the result is ready (CompletedAt), against the appointment with pauses but before any apology letter; an
/// apology letter makes it Late whatever the times say. AppointmentAt is the appointment in force at "now":
/// moved by finished pauses, by an open pause up to "now", and by an apology letter. Version is the number of
/// events.</para>
/// </remarks>
public static class DemoHistoryGenerator
{
    public const int DefaultSeed = 20231201;

    /// <summary>Generates <paramref name="months"/> months of history up to <paramref name="nowUtc"/> for <paramref name="catalog"/>.</summary>
    public static DemoData Generate(DemoCatalogData catalog, DeadlineClock clock, DateTime nowUtc, int seed = DefaultSeed, int months = 12)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clock);
        if (months < 1) throw new ArgumentOutOfRangeException(nameof(months));
        var now = nowUtc.Kind switch
        {
            DateTimeKind.Local => nowUtc.ToUniversalTime(),
            _ => DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
        return new Run(catalog, clock, now, seed, months).Execute();
    }

    /// <summary>The demo catalog plus a year of history on the default calendar: what a fresh demo database holds.</summary>
    public static DemoData Generate(DateTime nowUtc, int seed = DefaultSeed) =>
        Generate(DemoCatalog.Create(), new DeadlineClock(new WorkingCalendar()), nowUtc, seed);

    // ---------------------------------------------------------------------------------------------

    private enum Fate : byte { Normal, RefuseAtReception, RefuseLater, Withdraw, WithdrawInPause, RefuseInPause }

    private enum PlanKind : byte { Received, Transition, PauseStart, PauseEnd, Apology, Returned, Refused, Withdrawn }

    private readonly record struct Planned(long M, PlanKind Kind, int Visit);

    private readonly record struct Visit(int Step, int? Handler);

    private readonly record struct Slot(long M, int Dept);

    private sealed class ProcInfo
    {
        public required Procedure Procedure;
        public required ProcedureStep[] Steps;
        public required TimeSpan Statutory;
        public required double OnTimeRate, LateRate, SupplementRate, PostResultShare, LateMeanDays, ApologyRate;
        public int ProcessingStep = -1, InterAgencyStep = -1;
    }

    private sealed class DeptInfo
    {
        public required Department Department;
        public required DepartmentProfile Profile;
        public required WeightedIdPicker Reception, Officers, Leaders;
        public required ProcInfo[] Procs;
        public required int[] ProcCum;
        public required string CodePrefix;
        public ProcInfo PickProcedure(Random rnd)
        {
            int r = rnd.Next(ProcCum[^1]);
            int i = 0;
            while (r >= ProcCum[i]) i++;
            return Procs[i];
        }
    }




    private const string SendBackNote = "Lãnh đạo yêu cầu thụ lý lại, hoàn thiện dự thảo kết quả";

    private sealed class Run
    {
        private readonly DemoCatalogData _catalog;
        private readonly DeadlineClock _clock;
        private readonly DateTime _now;
        private readonly Random _rnd;
        private readonly int _months;
        private readonly DateOnly _today;
        private readonly DateOnly _start;
        private readonly WorkTimeline _tl;
        private readonly long _L;
        private readonly long _nowM;
        private readonly Dictionary<int, DeptInfo> _depts = [];
        private readonly int _trackingBase;
        private int _trackingSerial;

        private readonly List<Dossier> _dossiers = [];
        private readonly List<DossierEvent> _events = [];
        private readonly List<DossierPause> _pauses = [];

        // Reused per dossier.
        private readonly List<Visit> _visits = new(8);
        private readonly List<Planned> _plan = new(12);
        private long[] _dur = new long[8], _vStart = new long[8], _vEnd = new long[8];
        private int _officer, _leader;

        public Run(DemoCatalogData catalog, DeadlineClock clock, DateTime now, int seed, int months)
        {
            _catalog = catalog;
            _clock = clock;
            _now = now;
            _rnd = new Random(seed);
            _months = months;
            _today = WorkingCalendar.LocalDate(now);
            _start = _today.AddMonths(-months).AddDays(1);
            _tl = new WorkTimeline(clock.Calendar, _start.AddDays(-10), _today.AddDays(500));
            _L = _tl.DayLength;
            _nowM = _tl.M(now);
            _trackingBase = 10_000_000 + _rnd.Next(0, 40_000_000);
            BuildIndexes();
        }

        private void BuildIndexes()
        {
            var stepsByProc = _catalog.Steps.GroupBy(s => s.ProcedureId).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Order).ToArray());
            foreach (var d in _catalog.Departments.OrderBy(d => d.Id))
            {
                if (!_catalog.DepartmentProfiles.TryGetValue(d.Id, out var dp)) continue;
                var procs = new List<ProcInfo>();
                foreach (var p in _catalog.Procedures.Where(p => p.DepartmentId == d.Id).OrderBy(p => p.Id))
                {
                    var pp = _catalog.ProcedureProfiles.TryGetValue(p.Id, out var x) ? x : new ProcedureProfile(p.Id, 1);
                    if (pp.Weight <= 0) continue;
                    var steps = stepsByProc[p.Id];
                    if (steps.Length < 3 || steps[0].Kind != StepKind.Reception || steps[^1].Kind != StepKind.Return)
                        throw new InvalidOperationException($"Procedure {p.Id}: the demo generator needs a Reception first step and a Return last step.");
                    var info = new ProcInfo
                    {
                        Procedure = p,
                        Steps = steps,
                        Statutory = _clock.StatutoryTime(p.StatutoryAmount, p.StatutoryUnit),
                        OnTimeRate = pp.OnTimeRate ?? dp.OnTimeRate,
                        LateRate = pp.LateRate ?? dp.LateRate,
                        SupplementRate = pp.SupplementRate ?? dp.SupplementRate,
                        PostResultShare = p.ResultByPost ? pp.PostResultShare ?? dp.PostResultShare : 0,
                        LateMeanDays = pp.LateMeanDays,
                        // Seed 000: the award procedure is late again and again; letters are the rule there.
                        ApologyRate = p.Id == DemoCatalog.AwardProcedureId ? 0.5 : 0.3,
                    };
                    for (int i = 0; i < steps.Length; i++)
                    {
                        if (steps[i].Kind == StepKind.Processing && info.ProcessingStep < 0) info.ProcessingStep = i;
                        if (steps[i].Kind == StepKind.InterAgency && info.InterAgencyStep < 0) info.InterAgencyStep = i;
                    }
                    procs.Add(info);
                }
                if (procs.Count == 0) continue;
                var cum = new int[procs.Count];
                int c = 0;
                for (int i = 0; i < procs.Count; i++)
                    cum[i] = c += _catalog.ProcedureProfiles.TryGetValue(procs[i].Procedure.Id, out var w) ? w.Weight : 1;
                _depts[d.Id] = new DeptInfo
                {
                    Department = d, Profile = dp,
                    Reception = new WeightedIdPicker(dp.Reception), Officers = new WeightedIdPicker(dp.Officers), Leaders = new WeightedIdPicker(dp.Leaders),
                    Procs = procs.ToArray(), ProcCum = cum, CodePrefix = d.Code + "-",
                };
            }
        }

        public DemoData Execute()
        {
            var slots = DrawIntake();
            int nowYear = _today.Year;

            // Codes: {Dept}-{yyMMdd}-{seq}, seq per department and local day in intake order.
            var seq = new Dictionary<int, int>();
            int currentDay = -1;
            string dayText = "";
            long id = 0;
            foreach (var slot in slots)
            {
                int k = (int)(slot.M / _L);
                if (k != currentDay)
                {
                    currentDay = k;
                    seq.Clear();
                    dayText = _tl.DateOfWorkingDay(k).ToString("yyMMdd", CultureInfo.InvariantCulture);
                }
                int n = seq.TryGetValue(slot.Dept, out var s) ? s + 1 : 1;
                seq[slot.Dept] = n;
                var dept = _depts[slot.Dept];
                Simulate(++id, slot, dept, string.Concat(dept.CodePrefix, dayText, "-", n.ToString("0000", CultureInfo.InvariantCulture)), nowYear);
            }

            // Event Ids in time order; ties keep insertion order (each dossier's own order).
            var keys = new (long Ticks, int Index)[_events.Count];
            for (int i = 0; i < keys.Length; i++) keys[i] = (_events[i].At.Ticks, i);
            Array.Sort(keys);
            var events = new DossierEvent[keys.Length];
            for (int i = 0; i < keys.Length; i++)
            {
                var e = _events[keys[i].Index];
                e.Id = i + 1;
                events[i] = e;
            }

            return new DemoData(_catalog.Departments, _catalog.Fields, _catalog.Procedures, _catalog.Steps, _catalog.Staff,
                _catalog.Coverage, _dossiers, events, _pauses);
        }

        // ---- intake ------------------------------------------------------------------------------

        private List<Slot> DrawIntake()
        {
            // Working days of the window (k = index on the timeline) and their relative intake factor.
            var days = new List<(int K, double Factor)>();
            var tetFactor = _tl.TetIntakeFactors();
            for (int k = 0; k < _tl.WorkingDayCount; k++)
            {
                var date = _tl.DateOfWorkingDay(k);
                if (date < _start) continue;
                if (date > _today) break;
                double f = date.DayOfWeek switch
                {
                    DayOfWeek.Monday => 1.18,
                    DayOfWeek.Tuesday => 1.06,
                    DayOfWeek.Wednesday => 1.0,
                    DayOfWeek.Thursday => 0.97,
                    DayOfWeek.Friday => 0.86,
                    _ => 0.5, // a Saturday worked in exchange for a bridging day off
                };
                if (tetFactor.TryGetValue(k, out var t)) f *= t;
                days.Add((k, f));
            }
            double total = days.Sum(d => d.Factor);
            long nowM = _nowM;

            var slots = new List<Slot>(50_000);
            foreach (var dept in _depts.Values.OrderBy(d => d.Department.Id))
            {
                double perUnit = dept.Profile.AnnualVolume * (_months / 12.0) / total;
                foreach (var (k, f) in days)
                {
                    int n = Simulation.SimRandom.Poisson(_rnd, perUnit * f);
                    for (int i = 0; i < n; i++)
                    {
                        long m = _tl.OpeningOfWorkingDay(k) + _tl.RandomOfficeSecond(_rnd);
                        if (m >= nowM) continue; // not yet received
                        slots.Add(new Slot(m, dept.Department.Id));
                    }
                }
            }
            slots.Sort((a, b) => a.M != b.M ? a.M.CompareTo(b.M) : a.Dept.CompareTo(b.Dept));
            return slots;
        }

        private double Exp(double mean) => -Math.Log(1 - _rnd.NextDouble()) * mean;
        private double U(double lo, double hi) => lo + (hi - lo) * _rnd.NextDouble();
        private long Between(long lo, long hi) => hi <= lo ? lo : lo + (long)(_rnd.NextDouble() * (hi - lo + 1));

        // ---- one dossier -------------------------------------------------------------------------

        private void Simulate(long id, Slot slot, DeptInfo dept, string code, int nowYear)
        {
            var rnd = _rnd;
            var pi = dept.PickProcedure(rnd);
            var proc = pi.Procedure;
            var steps = pi.Steps;
            var profile = dept.Profile;
            long L = _L;

            long mr = slot.M;
            var received = _tl.W(mr);
            var channel = PickChannel(profile, proc);
            var delivery = PickDelivery(pi, channel);
            var applicant = DemoApplicants.Next(rnd, nowYear);
            long T = (long)pi.Statutory.TotalSeconds;
            var d0 = _clock.Appointment(received, proc.StatutoryAmount, proc.StatutoryUnit);
            long md0 = _tl.M(d0);

            // Fate and pause.
            double u = rnd.NextDouble();
            var fate = u < 0.006 ? Fate.RefuseAtReception : u < 0.009 ? Fate.RefuseLater : u < 0.012 ? Fate.Withdraw : Fate.Normal;
            bool paused = fate != Fate.RefuseAtReception && rnd.NextDouble() < pi.SupplementRate;
            long P = 0;
            if (paused)
            {
                P = (long)(L * Math.Min(15.0, 0.3 + Exp(2.5)));
                if (fate == Fate.Normal)
                {
                    double v = rnd.NextDouble();
                    if (v < 0.07) fate = Fate.WithdrawInPause;
                    else if (v < 0.11) fate = Fate.RefuseInPause;
                }
            }

            // Who handles each step: one officer and one leader per dossier; a leader sometimes sends it back once.
            var visits = _visits;
            visits.Clear();
            int reception = dept.Reception.Pick(rnd);
            int officer = dept.Officers.Pick(rnd);
            int leader = dept.Leaders.Pick(rnd);
            _officer = officer;
            _leader = leader;
            bool sendBack = rnd.NextDouble() < 0.03 && pi.ProcessingStep > 0;
            visits.Add(new Visit(0, reception));
            for (int s = 1; s < steps.Length - 1; s++)
            {
                var kind = steps[s].Kind;
                int? h = kind switch
                {
                    StepKind.Processing => officer,
                    StepKind.Approval => leader,
                    StepKind.InterAgency => null,
                    _ => reception,
                };
                visits.Add(new Visit(s, h));
                if (sendBack && kind == StepKind.Approval)
                {
                    visits.Add(new Visit(pi.ProcessingStep, officer));
                    visits.Add(new Visit(s, leader));
                    sendBack = false;
                }
            }
            int pre = visits.Count; // visits before the return step
            int returner = rnd.NextDouble() < 0.75 ? reception : dept.Reception.Pick(rnd);
            visits.Add(new Visit(steps.Length - 1, returner));
            EnsureCapacity(visits.Count);

            // When the result is ready: by the target outcome against the (estimated) appointment with pauses.
            // The current backlog: dossiers falling due in the last three weeks are late more often and longer
            // (seed 000: "dễ có trường hợp để sót hồ sơ"), so that today's screens have overdue work to show.
            double lateRate = pi.LateRate, lateMean = pi.LateMeanDays;
            if (md0 > _nowM - 15 * L && md0 < _nowM + 2 * L)
            {
                lateRate += 0.03;
                lateMean = Math.Max(lateMean, 4);
            }
            double x = rnd.NextDouble();
            var target = x < lateRate ? Outcome.Late : x < lateRate + pi.OnTimeRate ? Outcome.OnTime : Outcome.Early;
            long mdEst = md0 + P;
            long dueDayStart = Math.Max(0, (mdEst - 1) / L) * L;
            long minActive = Math.Min(Math.Max(pre * 300L, T / 25), T / 2);
            long mmin = mr + P + minActive;
            long mc = PickCompletion(target, mmin, dueDayStart, mdEst, lateMean);

            // Share the active time among the visits; the late ones overran at one step.
            long active = mc - mr - P;
            double wsum = 0;
            int culprit = -1;
            if (target == Outcome.Late)
            {
                int cStep = pi.InterAgencyStep > 0 && rnd.NextDouble() < 0.5 ? pi.InterAgencyStep
                    : rnd.NextDouble() < 0.65 || pi.ProcessingStep < 0 ? pi.ProcessingStep : steps.Length - 2;
                for (int i = 0; i < pre; i++) if (visits[i].Step == cStep) { culprit = i; break; }
            }
            Span<double> w = stackalloc double[pre];
            for (int i = 0; i < pre; i++)
            {
                double wi = steps[visits[i].Step].Share * U(0.6, 1.4);
                // Postal staff hand dossiers over quickly, online ones quickest (digitized already).
                if (i == 0) wi *= channel == Channel.Online ? 0.25 : 0.4;
                if (i == culprit) wi *= 3;
                w[i] = wi;
                wsum += wi;
            }
            long assigned = 0;
            for (int i = 0; i < pre; i++)
            {
                _dur[i] = i < pre - 1 ? (long)(active * w[i] / wsum) : active - assigned;
                assigned += _dur[i];
            }

            // The pause: during reception (incomplete at intake) or processing.
            int pauseVisit = -1;
            long psM = 0, peM = 0;
            if (paused) pauseVisit = rnd.NextDouble() < 0.25 || pi.ProcessingStep < 0 ? 0 : IndexOfStep(pi.ProcessingStep, pre);
            long m = mr;
            for (int i = 0; i < pre; i++)
            {
                _vStart[i] = m;
                if (i == pauseVisit)
                {
                    // Supplements are asked for early (by the middle of the statutory time), never after the due time.
                    long off = Math.Min((long)(_dur[i] * U(0.15, 0.85)), Math.Max(0, mr + T / 2 - m));
                    psM = m + Math.Max(off, Math.Min(_dur[i], 60));
                    peM = psM + P;
                    m += _dur[i] + P;
                }
                else m += _dur[i];
                _vEnd[i] = m;
            }

            // Terminal fates cut the trail short.
            long termM = long.MaxValue;
            PlanKind termKind = PlanKind.Refused;
            switch (fate)
            {
                case Fate.RefuseAtReception:
                    termM = _vStart[0] + (long)(_dur[0] * U(0.1, 0.9));
                    break;
                case Fate.RefuseLater:
                    {
                        int v = pi.ProcessingStep > 0 ? IndexOfStep(pi.ProcessingStep, pre) : 0;
                        termM = _vStart[v] + (long)((_vEnd[v] - _vStart[v]) * U(0.2, 0.95));
                        break;
                    }
                case Fate.Withdraw:
                    {
                        int v = rnd.Next(pre);
                        termM = _vStart[v] + (long)((_vEnd[v] - _vStart[v]) * U(0.1, 0.95));
                        termKind = PlanKind.Withdrawn;
                        break;
                    }
                case Fate.WithdrawInPause:
                    termM = psM + (long)(P * U(0.3, 0.99));
                    termKind = PlanKind.Withdrawn;
                    break;
                case Fate.RefuseInPause:
                    termM = psM + (long)(P * U(0.5, 0.99));
                    break;
            }
            if (termM == psM && paused) termM++; // a refusal needs the pause to have begun
            bool pauseCut = paused && termM < peM;
            long pauseEndM = pauseCut ? termM : peM;

            // The appointment with the (finished) pause, and the outcome, from the clock.
            DateTime psAt = default, peAt = default;
            var due = d0;
            if (paused)
            {
                psAt = _tl.W(psM);
                peAt = _tl.W(pauseEndM);
                due = _clock.AppointmentWithPauses(received, pi.Statutory, [new PauseInterval(psAt, peAt)], _now);
            }
            var completedAt = _tl.W(mc);
            Outcome? outcome = fate == Fate.Normal ? _clock.OutcomeOf(completedAt, due) : null;

            // Apology letter: for dossiers that end late, issued around the appointment, before the result is ready.
            long taM = -1;
            DateTime newAppointment = default;
            if (outcome == Outcome.Late)
            {
                bool overdueNow = completedAt > _now && due <= _now;
                if (rnd.NextDouble() < (overdueNow ? 0.5 : pi.ApologyRate))
                {
                    long mdAct = _tl.M(due);
                    long lo = Math.Max(_vEnd[0], mdAct - L / 2), hi = Math.Min(mc - 1, mdAct + L / 2);
                    if (lo <= hi)
                    {
                        taM = Between(lo, hi);
                        // Usually the new date is kept; sometimes it is missed too (and, for dossiers still open,
                        // may already have passed: overdue even after the letter).
                        long promise = rnd.NextDouble() < 0.85
                            ? Math.Max(mc, mdAct) + (long)(L * U(0.3, 2.5))
                            : mdAct + (long)((mc - mdAct) * U(0.3, 0.8)) + 1;
                        if (overdueNow && taM + L / 4 < _nowM - 1 && rnd.NextDouble() < 0.5) promise = Between(taM + L / 4, _nowM - 1);
                        newAppointment = _tl.W(Math.Max(promise, taM + 1));
                    }
                }
            }

            // Return: by post within a day; at the counter when the applicant comes (online results are quick).
            long rtM = mc + delivery switch
            {
                ResultDelivery.Post => (long)(L * U(0.1, 1.2)),
                _ when channel == Channel.Online && rnd.NextDouble() < 0.65 => (long)(L * U(0.01, 0.4)),
                _ => (long)(L * Math.Min(15, 0.1 + Exp(1.3))),
            };

            // The plan, in order.
            var plan = _plan;
            plan.Clear();
            plan.Add(new Planned(mr, PlanKind.Received, 0));
            for (int i = 0; i < pre; i++)
            {
                if (i == pauseVisit)
                {
                    plan.Add(new Planned(psM, PlanKind.PauseStart, i));
                    plan.Add(new Planned(peM, PlanKind.PauseEnd, i));
                }
                plan.Add(new Planned(_vEnd[i], PlanKind.Transition, i));
            }
            if (fate == Fate.Normal) plan.Add(new Planned(rtM, PlanKind.Returned, pre));
            if (taM >= 0)
            {
                int at = plan.Count;
                while (at > 0 && plan[at - 1].M > taM) at--;
                plan.Insert(at, new Planned(taM, PlanKind.Apology, -1));
            }
            if (termM != long.MaxValue)
            {
                int keep = 0;
                while (keep < plan.Count && plan[keep].M <= termM && !(plan[keep].Kind == PlanKind.PauseEnd && pauseCut)) keep++;
                plan.RemoveRange(keep, plan.Count - keep);
                plan.Add(new Planned(termM, termKind, -1));
            }

            Render(id, code, dept, pi, channel, delivery, applicant, received, d0, due, paused, psAt, peAt, pauseCut,
                outcome, newAppointment);
        }

        private int IndexOfStep(int step, int pre)
        {
            for (int i = 0; i < pre; i++) if (_visits[i].Step == step) return i;
            return 0;
        }

        private void EnsureCapacity(int n)
        {
            if (_dur.Length >= n) return;
            _dur = new long[n * 2];
            _vStart = new long[n * 2];
            _vEnd = new long[n * 2];
        }

        private long PickCompletion(Outcome target, long mmin, long dueDayStart, long mdEst, double lateMeanDays)
        {
            long earlyHi = dueDayStart - 1;
            long onLo = Math.Max(mmin, dueDayStart), onHi = mdEst - 1;
            bool earlyOk = earlyHi >= mmin, onOk = onHi >= onLo;
            if (target == Outcome.Early && !earlyOk) target = onOk ? Outcome.OnTime : Outcome.Late;
            if (target == Outcome.OnTime && !onOk) target = earlyOk ? Outcome.Early : Outcome.Late;
            switch (target)
            {
                case Outcome.Early:
                    {
                        double u = Math.Pow((_rnd.NextDouble() + _rnd.NextDouble()) / 2, 1.6);
                        return mmin + (long)(u * (earlyHi - mmin));
                    }
                case Outcome.OnTime:
                    return Between(onLo, onHi);
                default:
                    {
                        long lateness = (long)(_L * Math.Min(25, 0.05 + Exp(lateMeanDays)));
                        return Math.Max(mdEst, mmin) + 60 + lateness;
                    }
            }
        }

        private Channel PickChannel(DepartmentProfile profile, Procedure proc)
        {
            double x = _rnd.NextDouble();
            var c = x < profile.OnlineShare ? Channel.Online : x < profile.OnlineShare + profile.PostIntakeShare ? Channel.Post : Channel.Counter;
            if (!proc.Allows(c)) c = proc.Allows(Channel.Online) ? Channel.Online : proc.Allows(Channel.Counter) ? Channel.Counter : Channel.Post;
            return c;
        }

        private ResultDelivery PickDelivery(ProcInfo pi, Channel channel)
        {
            if (!pi.Procedure.ResultByPost) return ResultDelivery.Counter;
            double share = channel == Channel.Post ? 0.8 : pi.PostResultShare;
            return _rnd.NextDouble() < share ? ResultDelivery.Post : ResultDelivery.Counter;
        }

        /// <summary>A UPU S10 item number for domestic EMS ("EL" + 8 digits + check digit + "VN"), unique per run.</summary>
        private string NextTrackingNumber()
        {
            int serial = (int)((_trackingBase + 7L * ++_trackingSerial) % 100_000_000);
            ReadOnlySpan<int> weights = [8, 6, 4, 2, 3, 5, 9, 7];
            var digits = serial.ToString("00000000", CultureInfo.InvariantCulture);
            int sum = 0;
            for (int i = 0; i < 8; i++) sum += (digits[i] - '0') * weights[i];
            int check = 11 - sum % 11;
            if (check == 10) check = 0;
            else if (check == 11) check = 5;
            return $"EL{digits}{check}VN";
        }

        // ---- the trail, cut at now ---------------------------------------------------------------

        private void Render(long id, string code, DeptInfo dept, ProcInfo pi, Channel channel, ResultDelivery delivery,
            DemoApplicants.Applicant applicant, DateTime received, DateTime d0, DateTime due, bool paused,
            DateTime psAt, DateTime peAt, bool pauseCut, Outcome? outcome, DateTime newAppointment)
        {
            var steps = pi.Steps;
            var visits = _visits;
            int deptId = dept.Department.Id;
            int pre = visits.Count - 1;
            var dossier = new Dossier
            {
                Id = id,
                Code = code,
                ProcedureId = pi.Procedure.Id,
                DepartmentId = deptId,
                Channel = channel,
                ResultDelivery = delivery,
                ApplicantName = applicant.Name,
                ApplicantPhone = applicant.Phone,
                ApplicantIdNumber = applicant.IdNumber,
                ApplicantAddress = applicant.Address,
                ReceivedAt = received,
                OriginalAppointmentAt = d0,
                AppointmentAt = d0,
            };

            var status = DossierStatus.Received;
            var resumeTo = DossierStatus.Received;
            int step = steps[0].Order;
            int? handler = visits[0].Handler;
            int visit = 0;
            DateTime stepEntered = received;
            bool pauseStarted = false, pauseEnded = false, approved = false, returned = false, apology = false;
            DateTime? completedAt = null, returnedAt = null;
            int count = 0;

            foreach (var p in _plan)
            {
                var at = _tl.W(p.M);
                if (at > _now) break;
                var e = new DossierEvent { DossierId = id, DepartmentId = deptId, At = at, FromStatus = status, FromStep = step, FromHandlerId = handler };
                switch (p.Kind)
                {
                    case PlanKind.Received:
                        e.Type = DossierEventType.Received;
                        e.FromStatus = null; e.FromStep = null; e.FromHandlerId = null;
                        e.ActorId = handler;
                        e.Note = DemoTexts.ReceivedNote(channel, channel == Channel.Post ? NextTrackingNumber() : null);
                        break;
                    case PlanKind.Transition:
                        {
                            var from = visits[visit];
                            var to = visits[visit + 1];
                            var fromStep = steps[from.Step];
                            var toStep = steps[to.Step];
                            if (visit + 1 == pre)
                            {
                                e.Type = DossierEventType.Approved;
                                status = DossierStatus.ResultReady;
                                approved = true;
                                completedAt = at;
                            }
                            else
                            {
                                e.Type = toStep.Order < fromStep.Order ? DossierEventType.SentBack : DossierEventType.HandedOver;
                                status = DossierStatus.InProgress;
                                if (e.Type == DossierEventType.SentBack) e.Note = SendBackNote;
                                else if (toStep.Kind == StepKind.InterAgency) e.Note = toStep.Agency;
                            }
                            if (fromStep.Kind == StepKind.InterAgency) e.Note = "Nhận kết quả từ " + fromStep.Agency;
                            // Out of an inter-agency step, the department's officer records what came back.
                            e.ActorId = from.Handler ?? _officer;
                            visit++;
                            step = toStep.Order;
                            handler = to.Handler;
                            stepEntered = at;
                            break;
                        }
                    case PlanKind.PauseStart:
                        e.Type = DossierEventType.SupplementRequested;
                        resumeTo = status;
                        status = DossierStatus.WaitingSupplement;
                        e.ActorId = handler;
                        e.Note = DemoTexts.SupplementReasons[(int)(id % DemoTexts.SupplementReasons.Length)];
                        pauseStarted = true;
                        break;
                    case PlanKind.PauseEnd:
                        e.Type = DossierEventType.Resumed;
                        status = resumeTo;
                        e.ActorId = handler;
                        e.Note = DemoTexts.ResumeNote;
                        pauseEnded = true;
                        break;
                    case PlanKind.Apology:
                        e.Type = DossierEventType.ApologyIssued;
                        e.ActorId = _leader;
                        e.Note = DemoTexts.ApologyNote(newAppointment);
                        apology = true;
                        break;
                    case PlanKind.Returned:
                        e.Type = DossierEventType.Returned;
                        status = DossierStatus.Returned;
                        e.ActorId = handler;
                        handler = null;
                        returned = true;
                        returnedAt = at;
                        if (delivery == ResultDelivery.Post)
                        {
                            dossier.PostalTrackingNumber = NextTrackingNumber();
                            e.Note = "Chuyển phát kết quả qua dịch vụ bưu chính công ích, số hiệu " + dossier.PostalTrackingNumber;
                        }
                        else e.Note = channel == Channel.Online ? "Trả kết quả điện tử, bản giấy nhận tại Trung tâm" : "Trả kết quả tại Trung tâm";
                        break;
                    case PlanKind.Refused:
                    case PlanKind.Withdrawn:
                        bool refused = p.Kind == PlanKind.Refused;
                        e.Type = refused ? DossierEventType.Refused : DossierEventType.Withdrawn;
                        e.ActorId = handler ?? (refused ? _leader : _officer);
                        e.Note = !refused ? DemoTexts.WithdrawNote
                            : status == DossierStatus.WaitingSupplement ? DemoTexts.RefusalInPauseReason
                            : visit == 0 ? DemoTexts.RefusalAtReceptionReasons[(int)(id % DemoTexts.RefusalAtReceptionReasons.Length)]
                            : DemoTexts.RefusalLaterReasons[(int)(id % DemoTexts.RefusalLaterReasons.Length)];
                        status = refused ? DossierStatus.Refused : DossierStatus.Withdrawn;
                        handler = null;
                        completedAt = at;
                        if (pauseStarted && !pauseEnded) { pauseEnded = true; peAt = at; }
                        break;
                }
                e.ToStatus = status;
                e.ToStep = step;
                e.ToHandlerId = handler;
                _events.Add(e);
                count++;
            }

            dossier.Status = status;
            dossier.CurrentStep = step;
            dossier.CurrentHandlerId = handler;
            dossier.StepEnteredAt = stepEntered;
            dossier.CompletedAt = completedAt;
            dossier.ReturnedAt = returnedAt;
            dossier.Version = count;

            if (pauseStarted)
            {
                var pause = new DossierPause
                {
                    Id = _pauses.Count + 1,
                    DossierId = id,
                    StartedAt = psAt,
                    EndedAt = pauseEnded ? peAt : null,
                    Reason = DemoTexts.SupplementReasons[(int)(id % DemoTexts.SupplementReasons.Length)],
                };
                _pauses.Add(pause);
                if (pauseEnded)
                {
                    dossier.PausedWorkingMinutes = (int)Math.Round(_clock.Calendar.WorkingTimeBetween(psAt, peAt).TotalMinutes);
                    dossier.AppointmentAt = due;
                }
                else
                {
                    dossier.PausedSince = psAt;
                    dossier.AppointmentAt = _clock.AppointmentWithPauses(received, pi.Statutory, [new PauseInterval(psAt, null)], _now);
                }
            }
            if (approved) dossier.Outcome = apology ? Outcome.Late : outcome;
            if (apology)
            {
                dossier.ApologyIssued = true;
                dossier.AppointmentAt = newAppointment;
            }
            if (returned && _rnd.NextDouble() < 0.25)
                dossier.Satisfied = _rnd.NextDouble() < (dossier.Outcome == Outcome.Late ? 0.7 : 0.97);
            _dossiers.Add(dossier);
        }

    }
}
