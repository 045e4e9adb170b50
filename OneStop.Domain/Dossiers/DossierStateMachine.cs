namespace OneStop.Domain.Dossiers;

/// <summary>The actions that change a dossier, as a person or a system asks for them.</summary>
public enum DossierAction
{
    HandOver,
    /// <summary>Give the current step to a named person (take it yourself, or a leader assigns).</summary>
    Assign,
    SendBack,
    RequestSupplement,
    Resume,
    Approve,
    Return,
    Refuse,
    Withdraw,
    IssueApology,
    /// <summary>The postal supervisor moves a dossier waiting at reception or return to another postal staff member.</summary>
    Reassign,
}

/// <summary>Thrown when a rule forbids an action. The message is Vietnamese and names the rule.</summary>
public sealed class DossierRuleException(string message) : Exception(message);

/// <summary>
/// The legal transitions of DOMAIN.md's lifecycle. Received → InProgress → ResultReady → Returned,
/// with side paths: supplement (pause and resume to where it was), refusal, withdrawal, apology.
/// </summary>
public static class DossierStateMachine
{
    private static readonly Dictionary<(DossierStatus, DossierAction), DossierStatus> Transitions = new()
    {
        [(DossierStatus.Received, DossierAction.HandOver)] = DossierStatus.InProgress,
        [(DossierStatus.Received, DossierAction.RequestSupplement)] = DossierStatus.WaitingSupplement,
        [(DossierStatus.Received, DossierAction.Refuse)] = DossierStatus.Refused,
        [(DossierStatus.Received, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.Received, DossierAction.IssueApology)] = DossierStatus.Received,
        [(DossierStatus.Received, DossierAction.Reassign)] = DossierStatus.Received,

        [(DossierStatus.InProgress, DossierAction.HandOver)] = DossierStatus.InProgress,
        [(DossierStatus.InProgress, DossierAction.Assign)] = DossierStatus.InProgress,
        [(DossierStatus.InProgress, DossierAction.SendBack)] = DossierStatus.InProgress,
        [(DossierStatus.InProgress, DossierAction.RequestSupplement)] = DossierStatus.WaitingSupplement,
        [(DossierStatus.InProgress, DossierAction.Approve)] = DossierStatus.ResultReady,
        [(DossierStatus.InProgress, DossierAction.Refuse)] = DossierStatus.Refused,
        [(DossierStatus.InProgress, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.InProgress, DossierAction.IssueApology)] = DossierStatus.InProgress,

        // Resume goes back to where the dossier was paused: see Next(..., resumeTo).
        [(DossierStatus.WaitingSupplement, DossierAction.Resume)] = DossierStatus.InProgress,
        [(DossierStatus.WaitingSupplement, DossierAction.Refuse)] = DossierStatus.Refused,
        [(DossierStatus.WaitingSupplement, DossierAction.Withdraw)] = DossierStatus.Withdrawn,
        [(DossierStatus.WaitingSupplement, DossierAction.IssueApology)] = DossierStatus.WaitingSupplement,

        [(DossierStatus.ResultReady, DossierAction.Return)] = DossierStatus.Returned,
        [(DossierStatus.ResultReady, DossierAction.IssueApology)] = DossierStatus.ResultReady,
        [(DossierStatus.ResultReady, DossierAction.Reassign)] = DossierStatus.ResultReady,
    };

    public static bool IsFinal(DossierStatus status) =>
        status is DossierStatus.Returned or DossierStatus.Refused or DossierStatus.Withdrawn;

    public static bool CanApply(DossierStatus from, DossierAction action) => Transitions.ContainsKey((from, action));

    /// <summary>The actions allowed from a status, for menus and the API's error messages.</summary>
    public static IReadOnlyList<DossierAction> AllowedFrom(DossierStatus from) =>
        Transitions.Keys.Where(k => k.Item1 == from).Select(k => k.Item2).ToList();

    /// <summary>
    /// The status after <paramref name="action"/>, or a <see cref="DossierRuleException"/> naming why not.
    /// <paramref name="resumeTo"/> is where a resumed dossier returns (Received or InProgress).
    /// </summary>
    public static DossierStatus Next(DossierStatus from, DossierAction action, DossierStatus resumeTo = DossierStatus.InProgress)
    {
        if (!Transitions.TryGetValue((from, action), out var to))
        {
            var allowed = AllowedFrom(from);
            if (UiText.English)
                throw new DossierRuleException($"Cannot {DossierText.EnglishAction(action)} while the dossier is «{DossierText.EnglishStatus(from)}»: "
                    + (allowed.Count == 0 ? "the dossier is closed and cannot change." : "only " + string.Join(", ", allowed.Select(DossierText.EnglishAction)) + "."));
            var hint = allowed.Count == 0
                ? "hồ sơ đã kết thúc, không thể thay đổi"
                : "chỉ có thể: " + string.Join(", ", allowed.Select(DossierText.Action));
            throw new DossierRuleException(
                $"Không thể {DossierText.Action(action)} khi hồ sơ đang ở trạng thái «{DossierText.Status(from)}»: {hint}.");
        }
        if (action == DossierAction.Resume)
        {
            if (resumeTo is not (DossierStatus.Received or DossierStatus.InProgress))
                throw new DossierRuleException(UiText.Say(
                    $"Hồ sơ chỉ có thể tiếp tục về trạng thái «{DossierText.Status(DossierStatus.Received)}» hoặc «{DossierText.Status(DossierStatus.InProgress)}».",
                    $"A dossier can only resume to «{DossierText.EnglishStatus(DossierStatus.Received)}» or «{DossierText.EnglishStatus(DossierStatus.InProgress)}»."));
            return resumeTo;
        }
        return to;
    }
}

/// <summary>Vietnamese labels for statuses and actions, used in rule messages and on screen.</summary>
public static class DossierText
{
    public static string Status(DossierStatus s) => s switch
    {
        DossierStatus.Received => "Mới tiếp nhận",
        DossierStatus.InProgress => "Đang giải quyết",
        DossierStatus.WaitingSupplement => "Chờ bổ sung",
        DossierStatus.ResultReady => "Có kết quả, chờ trả",
        DossierStatus.Returned => "Đã trả kết quả",
        DossierStatus.Refused => "Từ chối",
        DossierStatus.Withdrawn => "Rút hồ sơ",
        _ => s.ToString(),
    };

    public static string Action(DossierAction a) => a switch
    {
        DossierAction.HandOver => "chuyển xử lý",
        DossierAction.Assign => "giao xử lý",
        DossierAction.SendBack => "trả lại bước trước",
        DossierAction.RequestSupplement => "yêu cầu bổ sung",
        DossierAction.Resume => "tiếp tục xử lý",
        DossierAction.Approve => "phê duyệt",
        DossierAction.Return => "trả kết quả",
        DossierAction.Refuse => "từ chối",
        DossierAction.Withdraw => "rút hồ sơ",
        DossierAction.IssueApology => "gửi thư xin lỗi",
        DossierAction.Reassign => "điều phối sang nhân viên khác",
        _ => a.ToString(),
    };

    /// <summary>English status names, for rule messages on an English screen (<see cref="UiText"/>).</summary>
    public static string EnglishStatus(DossierStatus s) => s switch
    {
        DossierStatus.Received => "Just received",
        DossierStatus.InProgress => "In progress",
        DossierStatus.WaitingSupplement => "Awaiting documents",
        DossierStatus.ResultReady => "Result ready to return",
        DossierStatus.Returned => "Result returned",
        DossierStatus.Refused => "Refused",
        DossierStatus.Withdrawn => "Withdrawn",
        _ => s.ToString(),
    };

    public static string EnglishAction(DossierAction a) => a switch
    {
        DossierAction.HandOver => "hand over",
        DossierAction.Assign => "assign",
        DossierAction.SendBack => "send back",
        DossierAction.RequestSupplement => "request documents",
        DossierAction.Resume => "resume",
        DossierAction.Approve => "approve",
        DossierAction.Return => "return the result",
        DossierAction.Refuse => "refuse",
        DossierAction.Withdraw => "withdraw",
        DossierAction.IssueApology => "issue an apology",
        DossierAction.Reassign => "move to another clerk",
        _ => a.ToString(),
    };

    public static string Outcome(Outcome o) => o switch
    {
        Dossiers.Outcome.Early => "Trước hạn",
        Dossiers.Outcome.OnTime => "Đúng hạn",
        _ => "Quá hạn",
    };
}
