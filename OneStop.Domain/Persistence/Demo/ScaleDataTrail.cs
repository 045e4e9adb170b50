using OneStop.Domain.Calendar;
using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Domain.Persistence.Demo;

public static partial class ScaleDataGenerator
{
    private sealed partial class Run
    {
        /// <summary>Every dossier's process control sheet, in dossier order (inserted after the dossiers).</summary>
        public List<DossierEvent> Events { get; } = [];

        private long _eventId;
        /// <summary>Handlers of the steps between intake and the current one come from their own stream, so that
        /// adding the trail did not change the dossiers a seed gives.</summary>
        private Random? _trailRnd;

        /// <summary>
        /// Writes the trail of a stamped dossier from its final state: received; handed over step by step (in working time,
        /// by the steps' shares of the time it took, skipping its supplement pause); the pause; approved into the return
        /// step; the apology letter; returned, refused or withdrawn. The dossier's step-entry instant and version are set
        /// from the trail, so the two always agree.
        /// </summary>
        private void Trail(Dossier d, Proc pi, DateTime? pauseStart, DateTime? pauseEnd)
        {
            var rnd = _trailRnd ??= new Random(_o.Seed ^ 0x5ca1e);
            var dept = _deptById[d.DepartmentId];
            var steps = pi.Steps;
            int last = Array.FindIndex(steps, s => s.Order == d.CurrentStep);
            var closedOk = d.Status is DossierStatus.Returned or DossierStatus.ResultReady;
            long mR = _tl.M(d.ReceivedAt);
            long? mPs = pauseStart is { } ps ? _tl.M(ps) : null;
            long? mPe = pauseEnd is { } pe ? _tl.M(pe) : null;

            // When the step reached last was entered: completion for approved ones, else the recorded instant, before any open pause.
            long mEnd = closedOk ? _tl.M(d.CompletedAt!.Value) : last == 0 ? mR : _tl.M(d.StepEnteredAt);
            if (!closedOk && mPs is { } openPause && mPe is null && mEnd >= openPause) mEnd = Math.Max(mR, openPause - 1);
            long pauseLength = mPs is { } s0 && mPe is { } e0 && e0 <= mEnd ? e0 - s0 : 0;
            long active = Math.Max(0, mEnd - mR - pauseLength);

            var status = DossierStatus.Received;
            int? handler = d.Status is DossierStatus.Returned or DossierStatus.Refused or DossierStatus.Withdrawn
                ? dept.Reception.Pick(rnd)
                : last == 0 ? d.CurrentHandlerId : dept.Reception.Pick(rnd);
            int step = steps[0].Order;
            int count = 0;
            var first = Events.Count;
            var pauseWritten = false;
            var resumeWritten = false;

            void Add(DossierEventType type, long m, int? actor, DossierStatus to, int toStep, int? toHandler, string? note)
            {
                Events.Add(new DossierEvent
                {
                    Id = ++_eventId, DossierId = d.Id, DepartmentId = d.DepartmentId, At = _tl.W(m), Type = type, ActorId = actor,
                    FromStatus = count == 0 ? null : status, ToStatus = to, FromStep = count == 0 ? null : step, ToStep = toStep,
                    FromHandlerId = count == 0 ? null : handler, ToHandlerId = toHandler, Note = note,
                });
                (status, step, handler) = (to, toStep, toHandler);
                count++;
            }

            void PauseUpTo(long m)
            {
                if (mPs is not { } p || pauseWritten || p > m) return;
                pauseWritten = true;
                var resumeTo = status;
                Add(DossierEventType.SupplementRequested, p, handler, DossierStatus.WaitingSupplement, step, handler,
                    DemoTexts.SupplementReasons[(int)(d.Id % DemoTexts.SupplementReasons.Length)]);
                if (mPe is { } q && q <= m)
                {
                    resumeWritten = true;
                    Add(DossierEventType.Resumed, q, handler, resumeTo, step, handler, DemoTexts.ResumeNote);
                }
                else _resumeTo = resumeTo;
            }

            Add(DossierEventType.Received, mR, handler, DossierStatus.Received, steps[0].Order, handler, DemoTexts.ReceivedNote(d.Channel));

            for (int i = 1; i <= last; i++)
            {
                var into = steps[i];
                var share = closedOk ? pi.CumShare[i - 1] : pi.CumShare[i - 1] / pi.CumShare[last - 1];
                long m = mR + (long)(share * active);
                if (mPs is { } p && mPe is { } q && m >= p && pauseLength > 0) m += q - p; // the clock stood still
                if (i == last) m = Math.Max(m, mEnd);
                m = Math.Max(m, _tl.M(Events[^1].At));
                PauseUpTo(m);
                if (mPs is { } pp && mPe is null && m >= pp) break; // cannot move while waiting for papers
                bool approved = closedOk && i == steps.Length - 1;
                int? toHandler = i == last && d.Status is DossierStatus.InProgress or DossierStatus.Received
                    ? d.CurrentHandlerId
                    : into.Kind switch
                    {
                        StepKind.Reception or StepKind.Return => dept.Reception.Pick(rnd),
                        StepKind.Processing => dept.Officers.Pick(rnd),
                        StepKind.Approval => dept.Leaders.Pick(rnd),
                        _ => null,
                    };
                var from = steps[i - 1];
                string? note = from.Kind == StepKind.InterAgency ? "Nhận kết quả từ " + from.Agency
                    : into.Kind == StepKind.InterAgency ? into.Agency : null;
                Add(approved ? DossierEventType.Approved : DossierEventType.HandedOver, m, handler ?? dept.Officers.Pick(rnd),
                    approved ? DossierStatus.ResultReady : DossierStatus.InProgress, into.Order, toHandler, note);
            }
            var lastMove = _tl.M(Events[^1].At);

            if (d.ApologyIssued)
            {
                // Issued once the original appointment had passed, before the result (never inside the pause).
                long m = Math.Clamp(_tl.M(d.OriginalAppointmentAt) + 60, mR + 1, Math.Max(mR + 1, _tl.M(d.CompletedAt ?? _now) - 1));
                if (mPs is { } p && mPe is { } q && m >= p && m < q) m = q;
                PauseUpTo(m);
                InsertInOrder(first, new DossierEvent
                {
                    Id = 0, DossierId = d.Id, DepartmentId = d.DepartmentId, At = _tl.W(m), Type = DossierEventType.ApologyIssued,
                    ActorId = dept.Leaders.Pick(rnd), Note = DemoTexts.ApologyNote(d.AppointmentAt),
                });
                count++;
            }

            switch (d.Status)
            {
                case DossierStatus.Returned:
                    Add(DossierEventType.Returned, _tl.M(d.ReturnedAt!.Value), handler, DossierStatus.Returned, step, null,
                        d.PostalTrackingNumber is { } t ? "Chuyển phát kết quả qua dịch vụ bưu chính công ích, số hiệu " + t : "Trả kết quả tại Trung tâm");
                    break;
                case DossierStatus.Refused:
                case DossierStatus.Withdrawn:
                    long mc = Math.Max(_tl.M(d.CompletedAt!.Value), lastMove);
                    PauseUpTo(mc);
                    if (pauseWritten && !resumeWritten && mPe is { } q2 && q2 <= mc) { resumeWritten = true; Add(DossierEventType.Resumed, q2, handler, _resumeTo, step, handler, DemoTexts.ResumeNote); }
                    var refused = d.Status == DossierStatus.Refused;
                    Add(refused ? DossierEventType.Refused : DossierEventType.Withdrawn, mc, handler ?? dept.Leaders.Pick(rnd), d.Status, step, null,
                        refused ? DemoTexts.RefusalLaterReasons[(int)(d.Id % DemoTexts.RefusalLaterReasons.Length)] : DemoTexts.WithdrawNote);
                    break;
                case DossierStatus.WaitingSupplement:
                    PauseUpTo(long.MaxValue);
                    break;
            }

            // The dossier as its trail leaves it.
            var lastEvent = Events[^1];
            d.CurrentStep = lastEvent.ToStep;
            d.CurrentHandlerId = lastEvent.ToHandlerId;
            d.StepEnteredAt = closedOk ? d.CompletedAt!.Value : LastMove(first).At;
            d.Version = count;
            Renumber(first);
        }

        private DossierStatus _resumeTo;

        private DossierEvent LastMove(int first)
        {
            for (int i = Events.Count - 1; i > first; i--)
                if (Events[i].Type is DossierEventType.HandedOver or DossierEventType.Approved) return Events[i];
            return Events[first];
        }

        /// <summary>Puts the apology letter among the trail by its instant (status and step unchanged across it).</summary>
        private void InsertInOrder(int first, DossierEvent e)
        {
            int at = Events.Count;
            while (at > first + 1 && Events[at - 1].At > e.At) at--;
            var before = Events[at - 1];
            e.FromStatus = e.ToStatus = before.ToStatus;
            e.FromStep = before.ToStep;
            e.ToStep = before.ToStep;
            e.FromHandlerId = e.ToHandlerId = before.ToHandlerId;
            Events.Insert(at, e);
        }

        /// <summary>Ids ascend along the trail (an insert can put one in the middle).</summary>
        private void Renumber(int first)
        {
            long id = first == 0 ? 0 : Events[first - 1].Id;
            for (int i = first; i < Events.Count; i++) Events[i].Id = ++id;
            _eventId = id;
        }

    }
}
