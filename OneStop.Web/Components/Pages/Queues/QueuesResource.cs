namespace OneStop.Web.Components.Pages.Queues;

/// <summary>
/// Marker for the queue screens' texts (a department's queue, my queue): Resources/Components/Pages/Queues/QueuesResource.resx
/// (Vietnamese, the neutral language) and QueuesResource.en.resx. The pages get it as <c>T</c> through _Imports.razor;
/// the table's column, status, reason and action words stay in SharedResource, where the dashboard reads them too.
/// </summary>
public sealed class QueuesResource;
