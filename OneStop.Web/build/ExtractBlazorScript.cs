#:property PublishAot=false
// Copies the manifest resource whose name ends in args[2] (blazor.web.js) out of the assembly args[0]
// into the file args[1], reading metadata only: the assembly is never loaded.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

if (args.Length != 3) { Console.Error.WriteLine("usage: ExtractBlazorScript <assembly> <output> <resource-suffix>"); return 2; }
using var stream = File.OpenRead(args[0]);
using var pe = new PEReader(stream);
var md = pe.GetMetadataReader();
foreach (var handle in md.ManifestResources)
{
    var resource = md.GetManifestResource(handle);
    var name = md.GetString(resource.Name);
    if (!name.EndsWith(args[2], StringComparison.Ordinal)) continue;
    var section = pe.GetSectionData(pe.PEHeaders.CorHeader!.ResourcesDirectory.RelativeVirtualAddress);
    var reader = section.GetReader((int)resource.Offset, section.Length - (int)resource.Offset);
    var length = reader.ReadInt32();
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[1]))!);
    File.WriteAllBytes(args[1], reader.ReadBytes(length));
    Console.WriteLine($"Extracted {name} ({length} bytes) to {args[1]}");
    return 0;
}
Console.Error.WriteLine($"No manifest resource ending in {args[2]} in {args[0]}");
return 1;
