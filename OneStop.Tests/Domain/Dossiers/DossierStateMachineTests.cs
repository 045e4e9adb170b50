using OneStop.Domain.Dossiers;
using static OneStop.Domain.Dossiers.DossierAction;
using static OneStop.Domain.Dossiers.DossierStatus;

namespace OneStop.Tests.Domain.Dossiers;

public class DossierStateMachineTests
{
    /// <summary>Every legal transition of DOMAIN.md's lifecycle, with where it leads.</summary>
    public static TheoryData<DossierStatus, DossierAction, DossierStatus> Legal => new()
    {
        { Received, HandOver, InProgress },
        { Received, RequestSupplement, WaitingSupplement },
        { Received, Refuse, Refused },
        { Received, Withdraw, Withdrawn },
        { Received, IssueApology, Received },
        { Received, Reassign, Received },
        { InProgress, HandOver, InProgress },
        { InProgress, Assign, InProgress },
        { InProgress, SendBack, InProgress },
        { InProgress, RequestSupplement, WaitingSupplement },
        { InProgress, Approve, ResultReady },
        { InProgress, Refuse, Refused },
        { InProgress, Withdraw, Withdrawn },
        { InProgress, IssueApology, InProgress },
        { WaitingSupplement, Resume, InProgress },
        { WaitingSupplement, Refuse, Refused },
        { WaitingSupplement, Withdraw, Withdrawn },
        { WaitingSupplement, IssueApology, WaitingSupplement },
        { ResultReady, Return, Returned },
        { ResultReady, IssueApology, ResultReady },
        { ResultReady, Reassign, ResultReady },
    };

    [Theory, MemberData(nameof(Legal))]
    public void Legal_transitions_lead_where_the_lifecycle_says(DossierStatus from, DossierAction action, DossierStatus to)
    {
        Assert.True(DossierStateMachine.CanApply(from, action));
        Assert.Equal(to, DossierStateMachine.Next(from, action));
    }

    [Fact]
    public void Exactly_the_listed_transitions_are_legal()
    {
        var legal = Legal.Select(row => ((DossierStatus)row[0], (DossierAction)row[1])).ToHashSet();
        foreach (var status in Enum.GetValues<DossierStatus>())
        foreach (var action in Enum.GetValues<DossierAction>())
            Assert.Equal(legal.Contains((status, action)), DossierStateMachine.CanApply(status, action));
    }

    [Fact]
    public void Resume_returns_to_the_status_the_dossier_was_paused_from()
    {
        Assert.Equal(Received, DossierStateMachine.Next(WaitingSupplement, Resume, resumeTo: Received));
        Assert.Equal(InProgress, DossierStateMachine.Next(WaitingSupplement, Resume, resumeTo: InProgress));
        Assert.Throws<DossierRuleException>(() => DossierStateMachine.Next(WaitingSupplement, Resume, resumeTo: Returned));
    }

    [Theory]
    [InlineData(Received, Approve)]
    [InlineData(Received, Return)]
    [InlineData(Received, Assign)]
    [InlineData(InProgress, Return)]
    [InlineData(InProgress, Resume)]
    [InlineData(WaitingSupplement, HandOver)]
    [InlineData(WaitingSupplement, Approve)]
    [InlineData(ResultReady, HandOver)]
    [InlineData(ResultReady, RequestSupplement)]
    [InlineData(ResultReady, Withdraw)]
    [InlineData(Returned, HandOver)]
    [InlineData(Returned, IssueApology)]
    [InlineData(Refused, Resume)]
    [InlineData(Withdrawn, Return)]
    public void Illegal_transitions_are_rejected_with_a_message_naming_action_and_status(DossierStatus from, DossierAction action)
    {
        var e = Assert.Throws<DossierRuleException>(() => DossierStateMachine.Next(from, action));
        Assert.Contains(DossierText.Action(action), e.Message);
        Assert.Contains(DossierText.Status(from), e.Message);
    }

    [Fact]
    public void A_finished_dossier_says_it_can_no_longer_change()
    {
        var e = Assert.Throws<DossierRuleException>(() => DossierStateMachine.Next(Returned, Refuse));
        Assert.Contains("đã kết thúc", e.Message);
        Assert.True(DossierStateMachine.IsFinal(Returned));
        Assert.True(DossierStateMachine.IsFinal(Refused));
        Assert.True(DossierStateMachine.IsFinal(Withdrawn));
        Assert.False(DossierStateMachine.IsFinal(ResultReady));
    }

    [Fact]
    public void The_rule_message_lists_what_is_allowed_instead()
    {
        var e = Assert.Throws<DossierRuleException>(() => DossierStateMachine.Next(ResultReady, Approve));
        Assert.Contains(DossierText.Action(Return), e.Message);
    }
}
