using System.Globalization;

namespace OneStop.Domain;

/// <summary>
/// Runs a live screen's callback in the language of the screen that subscribed. Callbacks fire on the publisher's
/// thread (a workflow call, a job writing notifications, the shared snapshot's loop, which inherits the culture of whoever
/// subscribed first), and
/// the component's InvokeAsync re-renders in the culture of its caller: without this an English dashboard turned
/// Vietnamese at its first live update, or a Vietnamese one English, depending on who opened the page first.
/// </summary>
public static class SubscriberCulture
{
    /// <summary>Wraps <paramref name="callback"/> so it runs under the current (subscriber's) culture and UI culture.</summary>
    public static Func<T, Task> Keep<T>(Func<T, Task> callback)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        return value =>
        {
            // Set inside this call only: the caller's culture is restored when the call returns (async-local).
            var (callerCulture, callerUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
            try { return callback(value); }
            finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (callerCulture, callerUi); }
        };
    }

    /// <summary>The same for a callback without an argument (the notification and staffing signals).</summary>
    public static Func<Task> Keep(Func<Task> callback)
    {
        var keep = Keep<bool>(_ => callback());
        return () => keep(true);
    }
}
