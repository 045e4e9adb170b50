using OneStop.Domain.Catalog;
using OneStop.Domain.Dossiers;

namespace OneStop.Tests.Domain.Demo;

/// <summary>
/// What a generated history must satisfy, whichever generator made it (the demo's year, the scale generator's
/// millions): every dossier's trail starts with its intake, follows the state machine event by event, and ends where
/// the dossier stands (status, step, handler, step entry, version = events).
/// </summary>
public static class TrailChecks
{
    public static void AssertConsistent(IReadOnlyCollection<Dossier> dossiers, IEnumerable<DossierEvent> events,
        IEnumerable<Procedure> procedures, IEnumerable<ProcedureStep> steps, DateTime now)
    {
        var trails = events.GroupBy(e => e.DossierId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Id).ToList());
        var procs = procedures.ToDictionary(p => p.Id);
        var stepOf = steps.ToDictionary(s => (s.ProcedureId, s.Order));
        foreach (var d in dossiers)
        {
            var t = trails[d.Id];
            Assert.Equal(DossierEventType.Received, t[0].Type);
            Assert.Equal(d.ReceivedAt, t[0].At);
            Assert.Null(t[0].FromStatus);
            Assert.Equal(DossierStatus.Received, t[0].ToStatus);
            Assert.Equal(1, t[0].ToStep);
            for (int i = 0; i < t.Count; i++)
            {
                var e = t[i];
                Assert.Equal(d.DepartmentId, e.DepartmentId);
                Assert.True(e.At <= now);
                Assert.True(stepOf.ContainsKey((d.ProcedureId, e.ToStep)));
                if (i == 0) continue;
                var prev = t[i - 1];
                Assert.True(prev.At <= e.At);
                Assert.Equal(prev.ToStatus, e.FromStatus);
                Assert.Equal(prev.ToStep, e.FromStep);
                Assert.Equal(prev.ToHandlerId, e.FromHandlerId);
                var action = ActionOf(e.Type) ?? throw new Xunit.Sdk.XunitException($"{d.Code}: unexpected {e.Type} after the first event");
                Assert.Equal(e.ToStatus, DossierStateMachine.Next(e.FromStatus!.Value, action, e.ToStatus));
                if (e.Type is DossierEventType.HandedOver) Assert.True(e.ToStep > e.FromStep);
                if (e.Type is DossierEventType.SentBack) Assert.True(e.ToStep < e.FromStep);
                if (e.Type is not (DossierEventType.HandedOver or DossierEventType.SentBack or DossierEventType.Approved))
                    Assert.Equal(e.FromStep, e.ToStep);
                if (e.Type == DossierEventType.Approved)
                    Assert.Equal(StepKind.Return, stepOf[(d.ProcedureId, e.ToStep)].Kind);
            }
            var last = t[^1];
            Assert.Equal(d.Status, last.ToStatus);
            Assert.Equal(d.CurrentStep, last.ToStep);
            Assert.Equal(d.CurrentHandlerId, last.ToHandlerId);
            Assert.Equal(t.Last(e => e.Type is DossierEventType.Received or DossierEventType.HandedOver or DossierEventType.SentBack or DossierEventType.Approved).At, d.StepEnteredAt);
            Assert.Equal(t.Count, d.Version);
            if (!d.IsOpen) Assert.Null(d.CurrentHandlerId);
            Assert.Equal(d.Status is DossierStatus.ResultReady or DossierStatus.Returned, t.Any(e => e.Type == DossierEventType.Approved));
            Assert.Equal(procs[d.ProcedureId].DepartmentId, d.DepartmentId);
        }
    }

    /// <summary>The workflow action that writes an event of this type; null for intake and the deadline engine's own events.</summary>
    public static DossierAction? ActionOf(DossierEventType type) => type switch
    {
        DossierEventType.HandedOver => DossierAction.HandOver,
        DossierEventType.Assigned => DossierAction.Assign,
        DossierEventType.SentBack => DossierAction.SendBack,
        DossierEventType.SupplementRequested => DossierAction.RequestSupplement,
        DossierEventType.Resumed => DossierAction.Resume,
        DossierEventType.Approved => DossierAction.Approve,
        DossierEventType.Returned => DossierAction.Return,
        DossierEventType.Refused => DossierAction.Refuse,
        DossierEventType.Withdrawn => DossierAction.Withdraw,
        DossierEventType.ApologyIssued => DossierAction.IssueApology,
        _ => null,
    };
}
