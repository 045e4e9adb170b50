using System.Resources;

[assembly: NeutralResourcesLanguage("vi")]

namespace OneStop.Web;

/// <summary>Marker for the UI text in Resources/SharedResource*.resx: Vietnamese by default, English second.</summary>
public sealed class SharedResource;
