using System.Globalization;

namespace OneStop.Domain;

/// <summary>
/// A message said to the person in front of the screen right now, in the language of their screen: English when the
/// current UI culture is English, Vietnamese otherwise (the API and everything without a culture cookie). Blazor sets
/// the circuit's culture from the request, so validation errors the domain returns to a form come out in the form's
/// language. Only for what is shown at once: texts that are stored (audit entries, notifications, dossier events,
/// printed letters) stay Vietnamese, the center's language of record.
/// </summary>
public static class UiText
{
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Say(string vietnamese, string english) => English ? english : vietnamese;
}
