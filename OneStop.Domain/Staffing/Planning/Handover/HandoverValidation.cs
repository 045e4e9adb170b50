namespace OneStop.Domain.Staffing.Planning.Handover;

/// <summary>One clock hour, Monday to Friday averaged: the model's figures for today's postal departments beside the history's.</summary>
/// <param name="PredictedStaff">Mean over the weekdays of the staff the model says the hour needs.</param>
/// <param name="PeakPredicted">The most any weekday's hour needs.</param>
/// <param name="PresentStaff">Postal staff on the roster and not absent, on the history's working days.</param>
/// <param name="ActiveStaff">Postal staff who recorded at least one action in that hour, on average.</param>
/// <param name="ActionsPerHour">Intakes, hand-overs and returns they recorded per open hour.</param>
/// <param name="ModelOccupancy">The model's work for the hour (counter + back office, in staff-hours) per active person.</param>
/// <param name="WaitWithActive">Predicted mean counter wait (minutes) had only the active staff served the queue.</param>
/// <param name="WaitWithPresent">Predicted mean counter wait with everyone present serving.</param>
public sealed record ValidationRow(
    int Hour, string Label, double CounterPerHour, double PredictedStaff, int PeakPredicted,
    double PresentStaff, double ActiveStaff, double ActionsPerHour, double ModelOccupancy, double WaitWithActive, double WaitWithPresent);

/// <summary>The validation of the model on the departments the post office serves now.</summary>
public sealed record ValidationResult(
    IReadOnlyList<int> Departments, IReadOnlyList<ValidationRow> Rows, int PredictedPeak, double PredictedMean,
    double PresentMean, double ActiveMean, double ModelOccupancyMean, double WaitWithPresentMean, int Roster);

/// <summary>
/// Puts the model beside the history for the departments the post office serves now (the demo: the pilot's eleven).
/// The history cannot show the counter waits themselves (OneStop records no queue tickets), so the comparison is of
/// staffing: the staff the model says each hour needs against the postal staff present and the ones who acted in that
/// hour, the model's workload per active person (an occupancy above 1 would mean the model asks for more work than the
/// people who did it had time for) and the waits the model predicts with the staff the history shows.
/// </summary>
public static class HandoverValidation
{
    public static ValidationResult Run(HandoverInputs inputs, HandoverOptions options)
    {
        var set = inputs.CurrentSet;
        var roster = Math.Max(1, inputs.PostalRoster);
        var plan = HandoverModel.Evaluate(inputs, set, roster, options);
        var rows = new List<ValidationRow>();
        foreach (var hour in inputs.Slots.Select(s => s.Hour).Distinct().Order())
        {
            var idx = Enumerable.Range(0, inputs.Slots.Count).Where(i => inputs.Slots[i].Hour == hour).ToList();
            double Mean(Func<int, double> f) => idx.Average(f);
            double WaitWith(Func<int, double> staffOf)
            {
                double arriving = 0, waited = 0;
                foreach (var i in idx)
                {
                    var s = plan.Slots[i];
                    if (s.CounterPerHour <= 0) continue;
                    var c = Math.Max(1, (int)Math.Round(staffOf(i)));
                    arriving += s.CounterPerHour;
                    waited += s.CounterPerHour * ErlangC.MeanWait(c, s.Load, s.ServiceMinutes);
                }
                return arriving > 0 ? waited / arriving : 0;
            }
            var history = inputs.PostalHistory;
            rows.Add(new ValidationRow(hour, inputs.Slots[idx[0]].Label,
                Mean(i => plan.Slots[i].CounterPerHour), Mean(i => plan.Slots[i].StaffNeeded), idx.Max(i => plan.Slots[i].StaffNeeded),
                Mean(i => history[i].PresentStaff), Mean(i => history[i].ActiveStaff), Mean(i => history[i].ActionsPerHour),
                Mean(i => history[i].ActiveStaff > 0 ? (plan.Slots[i].Load + plan.Slots[i].BackOfficeHours) / history[i].ActiveStaff : 0),
                WaitWith(i => history[i].ActiveStaff), WaitWith(i => history[i].PresentStaff)));
        }
        double Weighted(Func<ValidationRow, double> f)
        {
            var w = inputs.Slots.GroupBy(s => s.Hour).ToDictionary(g => g.Key, g => g.Average(s => s.OpenHours));
            var total = rows.Sum(r => w[r.Hour]);
            return total == 0 ? 0 : rows.Sum(r => f(r) * w[r.Hour]) / total;
        }
        return new ValidationResult(set.Order().ToList(), rows, plan.PeakStaff, Weighted(r => r.PredictedStaff),
            Weighted(r => r.PresentStaff), Weighted(r => r.ActiveStaff), Weighted(r => r.ModelOccupancy),
            rows.Sum(r => r.CounterPerHour) > 0 ? rows.Sum(r => r.WaitWithPresent * r.CounterPerHour) / rows.Sum(r => r.CounterPerHour) : 0,
            inputs.PostalRoster);
    }
}
