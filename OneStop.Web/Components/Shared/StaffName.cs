namespace OneStop.Web.Components.Shared;

/// <summary>
/// Staff names on public screens (the overview and its lists open to anyone, README: no personal data to anonymous
/// visitors): signed-in staff see the full name, everyone else the initials, "Hoàng Thị Thu Trang" → "H.T.T.T.".
/// </summary>
public static class StaffName
{
    public static string For(string fullName, bool fullNames) =>
        fullNames ? fullName : string.Concat(fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpper(w[0]) + "."));
}
