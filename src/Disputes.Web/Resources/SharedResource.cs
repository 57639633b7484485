namespace Disputes.Web.Resources;

/// <summary>
/// Marker for the one resource set of the UI: SharedResource.resx holds zh-CN (the neutral, default
/// language), SharedResource.en.resx English.
/// </summary>
public sealed class SharedResource;
