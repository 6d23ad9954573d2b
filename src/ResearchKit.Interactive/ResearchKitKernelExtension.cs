using Microsoft.DotNet.Interactive;

namespace ResearchKit.Interactive;

/// <summary>
/// Kernel extension entry point (the way Plotly.NET.Interactive hooks in): when the assembly is loaded as an extension
/// (packaged under interactive-extensions/dotnet), the formatters are registered. Notebooks that <c>#r</c> the DLL
/// directly call <see cref="ResearchKitFormatters.Register"/> in their first cell, since <c>#r</c> of a plain DLL does
/// not run extensions.
/// </summary>
public sealed class ResearchKitKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        ResearchKitFormatters.Register();
        return Task.CompletedTask;
    }
}
