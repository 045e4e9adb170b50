using Microsoft.Extensions.Options;
using OneStop.Domain.Deadlines;
using OneStop.Domain.Notifications;
using OneStop.Domain.Webhooks;
using static OneStop.Tests.Infrastructure.WorkflowFixture;

namespace OneStop.Tests.Webhooks;

public sealed class DeadlineWebhookTests : IDisposable
{
    private readonly WebhookTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task The_deadline_sweep_queues_overdue_and_escalated_in_its_own_batch_transaction()
    {
        await _bed.Subscriptions.CreateAsync("Bưu điện tỉnh", "https://203.0.113.7/hook", WebhookEvents.Overdue | WebhookEvents.Escalated,
            WebhookTestBed.Admin, "Trương Công Minh");
        var d = await _bed.F.Workflow.ReceiveAsync(ValidIntake(), Postal1);
        var sweep = new DeadlineSweep(_bed.F.Contexts, _bed.F.Calendars, _bed.F.Clock, _bed.F.Changes, Options.Create(new DeadlineOptions()),
            new NotificationOutbox(Options.Create(new NotificationOptions()), _bed.F.Clock, new NotificationSignal()));

        // Past the appointment (5 working days) by a day: overdue, and the overdue rung fires.
        _bed.F.Clock.Set(d.AppointmentAt.AddDays(1));
        Assert.Equal(1, await sweep.RunAsync());

        var rows = _bed.Deliveries();
        Assert.Equal(["dossier.overdue", "dossier.escalated"], rows.Select(r => r.Event));
        Assert.All(rows, r => Assert.Equal(d.Code, r.DossierCode));
        Assert.Contains("\"deadline\":\"overdue\"", rows[0].Body);
        Assert.Contains("\"escalationLevel\":", rows[1].Body);
        Assert.All(rows, r => Assert.DoesNotContain("0912345678", r.Body));
        // A second sweep moves nothing and queues nothing more.
        Assert.Equal(0, await sweep.RunAsync());
        Assert.Equal(2, _bed.Deliveries().Count);
    }
}
