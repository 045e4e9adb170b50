namespace OneStop.Web.Components.Pages.Queues;

/// <summary>
/// Marker for the queue screens' texts (my queue's live messages, the department queue, the postal staff boards):
/// Resources/Components/Pages/Queues/QueueResource.resx (Vietnamese) and QueueResource.en.resx.
/// </summary>
public sealed class QueueResource;
