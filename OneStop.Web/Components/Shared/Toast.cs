namespace OneStop.Web.Components.Shared;

/// <summary>A snackbar's text: the summary, then the detail when there is one.</summary>
public static class Toast
{
    public static string Text(string summary, string? detail) =>
        string.IsNullOrWhiteSpace(detail) ? summary : $"{summary} — {detail}";
}
