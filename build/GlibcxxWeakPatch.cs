// Marks libLibTorchSharp.so's GLIBCXX_3.4.32 version requirement WEAK so TorchSharp 0.107.0 loads on systems whose
// libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04). The only GLIBCXX_3.4.32 symbol it references,
// std::ios_base_library_init(), is a bare .globl that GCC 13 headers emit; it has no relocation and is never
// called (shared/docs/platform.md, "TorchSharp on Debian 12"). ELF layout: System V gABI, "Symbol Versioning"
// (Elf64_Verneed / Elf64_Vernaux / Elf64_Verdef / Elf64_Verdaux; VER_FLG_WEAK = 2).
//
// This one file is compiled twice: by MSBuild's RoslynCodeTaskFactory as the PatchTorchSharpNative task
// (build/TorchSharpNative.targets), and into ResearchKit.Torch (RESEARCHKIT_TORCH defined) so the runtime can
// diagnose a native load failure with the same ELF reader.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ResearchKit.Build
{
    /// <summary>ELF symbol-version inspection and the one-flag WEAK patch.</summary>
    internal static class GlibcxxWeakPatch
    {
        /// <summary>The version libLibTorchSharp.so needs and GCC 12's libstdc++ lacks.</summary>
        public const string Version = "GLIBCXX_3.4.32";

        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlgWeak = 2;

        /// <summary>Outcome of <see cref="Patch"/>.</summary>
        public enum Result { Patched, AlreadyWeak, NotRequired }

        /// <summary>One Vernaux record: the version name, the library it is required from, its flags and the file offset of vna_flags.</summary>
        public readonly struct Requirement
        {
            public Requirement(string file, string name, ushort flags, long flagsOffset)
            { File = file; Name = name; Flags = flags; FlagsOffset = flagsOffset; }
            public string File { get; }
            public string Name { get; }
            public ushort Flags { get; }
            public long FlagsOffset { get; }
            public bool IsWeak => (Flags & VerFlgWeak) != 0;
        }

        /// <summary>The version requirements (.gnu.version_r) of an ELF64 little-endian file.</summary>
        public static List<Requirement> ReadRequirements(byte[] elf, string pathForMessages)
        {
            var result = new List<Requirement>();
            foreach (var (offset, size, link) in Sections(elf, ShtGnuVerneed, pathForMessages))
            {
                var (strOff, strSize) = SectionAt(elf, link, pathForMessages);
                long vn = offset;
                for (int guard = 0; guard < 10000; guard++)
                {
                    Check(elf, vn, 16, offset + size, pathForMessages);
                    ushort cnt = U16(elf, vn + 2);
                    string file = Str(elf, strOff, strSize, U32(elf, vn + 4), pathForMessages);
                    long aux = vn + U32(elf, vn + 8);
                    for (int i = 0; i < cnt; i++)
                    {
                        Check(elf, aux, 16, offset + size, pathForMessages);
                        ushort flags = U16(elf, aux + 4);
                        string name = Str(elf, strOff, strSize, U32(elf, aux + 8), pathForMessages);
                        result.Add(new Requirement(file, name, flags, aux + 4));
                        uint next = U32(elf, aux + 12);
                        if (next == 0) break;
                        aux += next;
                    }
                    uint vnNext = U32(elf, vn + 12);
                    if (vnNext == 0) break;
                    vn += vnNext;
                }
            }
            return result;
        }

        /// <summary>The version names an ELF64 file defines (.gnu.version_d), e.g. GLIBCXX_3.4.30 for libstdc++.</summary>
        public static List<string> ReadDefinitions(byte[] elf, string pathForMessages)
        {
            var result = new List<string>();
            foreach (var (offset, size, link) in Sections(elf, ShtGnuVerdef, pathForMessages))
            {
                var (strOff, strSize) = SectionAt(elf, link, pathForMessages);
                long vd = offset;
                for (int guard = 0; guard < 100000; guard++)
                {
                    Check(elf, vd, 20, offset + size, pathForMessages);
                    ushort cnt = U16(elf, vd + 6);
                    long aux = vd + U32(elf, vd + 12);
                    // The first Verdaux holds the version's own name; later ones name its parents.
                    if (cnt > 0)
                    {
                        Check(elf, aux, 8, offset + size, pathForMessages);
                        result.Add(Str(elf, strOff, strSize, U32(elf, aux), pathForMessages));
                    }
                    uint next = U32(elf, vd + 16);
                    if (next == 0) break;
                    vd += next;
                }
            }
            return result;
        }

        /// <summary>The system libstdc++.so.6 the dynamic loader would pick (first of the standard multiarch and lib64
        /// directories that has one), or null if none is found.</summary>
        public static string? FindSystemLibStdCxx()
        {
            string[] dirs =
            {
                "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            };
            foreach (var d in dirs)
            {
                var p = Path.Combine(d, "libstdc++.so.6");
                if (File.Exists(p)) return p;
            }
            return null;
        }

        /// <summary>True when the given libstdc++ defines <see cref="Version"/>.</summary>
        public static bool Defines(string libStdCxxPath, string version) =>
            ReadDefinitions(File.ReadAllBytes(libStdCxxPath), libStdCxxPath).Contains(version);

        /// <summary>
        /// Sets VER_FLG_WEAK on the Vernaux named <see cref="Version"/> in <paramref name="path"/>. Idempotent. The file is
        /// rewritten through a temporary file and a rename, so a hard link into the NuGet cache is never written through.
        /// (netstandard2.0 APIs only: MSBuild's RoslynCodeTaskFactory compiles this file against them.)
        /// </summary>
        public static Result Patch(string path)
        {
            byte[] elf = File.ReadAllBytes(path);
            bool found = false, changed = false;
            foreach (var r in ReadRequirements(elf, path))
            {
                if (r.Name != Version) continue;
                found = true;
                if (r.IsWeak) continue;
                ushort f = (ushort)(r.Flags | VerFlgWeak);
                elf[r.FlagsOffset] = (byte)f;
                elf[r.FlagsOffset + 1] = (byte)(f >> 8);
                changed = true;
            }
            if (!found) return Result.NotRequired;
            if (!changed) return Result.AlreadyWeak;
            string tmp = path + ".weakpatch.tmp";
            File.WriteAllBytes(tmp, elf);
            try
            {
                // Delete + rename instead of writing in place: if the build linked the output file to the NuGet
                // cache (CreateHardLinksForCopyLocalIfPossible), an in-place write would patch the cache too.
                File.Delete(path);
                File.Move(tmp, path);
            }
            finally
            {
                if (File.Exists(tmp)) File.Delete(tmp);
            }
            return Result.Patched;
        }

        private static IEnumerable<(long Offset, long Size, uint Link)> Sections(byte[] elf, uint type, string path)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException($"{path}: not an ELF file.");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException($"{path}: only 64-bit little-endian ELF files are supported.");
            long shoff = (long)U64(elf, 0x28);
            ushort shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            if (shentsize < 64) throw new InvalidDataException($"{path}: unexpected section header size {shentsize}.");
            for (int i = 0; i < shnum; i++)
            {
                long sh = shoff + (long)i * shentsize;
                Check(elf, sh, 64, elf.Length, path);
                if (U32(elf, sh + 4) != type) continue;
                long off = (long)U64(elf, sh + 0x18), size = (long)U64(elf, sh + 0x20);
                Check(elf, off, size, elf.Length, path);
                yield return (off, size, U32(elf, sh + 0x28));
            }
        }

        private static (long Offset, long Size) SectionAt(byte[] elf, uint index, string path)
        {
            long shoff = (long)U64(elf, 0x28);
            ushort shentsize = U16(elf, 0x3A), shnum = U16(elf, 0x3C);
            if (index >= shnum) throw new InvalidDataException($"{path}: string table index {index} out of range.");
            long sh = shoff + index * (long)shentsize;
            Check(elf, sh, 64, elf.Length, path);
            long off = (long)U64(elf, sh + 0x18), size = (long)U64(elf, sh + 0x20);
            Check(elf, off, size, elf.Length, path);
            return (off, size);
        }

        private static string Str(byte[] elf, long strOff, long strSize, uint index, string path)
        {
            if (index >= strSize) throw new InvalidDataException($"{path}: string index {index} outside the string table.");
            long start = strOff + index, end = start;
            while (end < strOff + strSize && elf[end] != 0) end++;
            return Encoding.ASCII.GetString(elf, (int)start, (int)(end - start));
        }

        private static void Check(byte[] elf, long offset, long length, long limit, string path)
        {
            if (offset < 0 || length < 0 || offset + length > limit || offset + length > elf.Length)
                throw new InvalidDataException($"{path}: truncated or corrupt ELF structure at offset {offset}.");
        }

        private static ushort U16(byte[] b, long o) => (ushort)(b[o] | b[o + 1] << 8);
        private static uint U32(byte[] b, long o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
        private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;
    }

#if !RESEARCHKIT_TORCH
    /// <summary>MSBuild task: patches every libLibTorchSharp.so in <see cref="Files"/> when the build machine's libstdc++
    /// lacks GLIBCXX_3.4.32.</summary>
    public class PatchTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        /// <summary>Copies of libLibTorchSharp.so in a build or publish output folder.</summary>
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            string? lib = GlibcxxWeakPatch.FindSystemLibStdCxx();
            try
            {
                if (lib != null && GlibcxxWeakPatch.Defines(lib, GlibcxxWeakPatch.Version))
                {
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low,
                        $"{lib} defines {GlibcxxWeakPatch.Version}: libLibTorchSharp.so left as shipped.");
                    return true;
                }
                foreach (var item in Files)
                {
                    string path = item.GetMetadata("FullPath");
                    if (path.Contains(Path.DirectorySeparatorChar + ".nuget" + Path.DirectorySeparatorChar + "packages"))
                    {
                        Log.LogWarning($"{path} is inside the NuGet cache; not patched.");
                        continue;
                    }
                    var r = GlibcxxWeakPatch.Patch(path);
                    Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Normal,
                        $"TorchSharp native patch ({lib ?? "no system libstdc++.so.6 found"} lacks {GlibcxxWeakPatch.Version}): {path}: {r}");
                }
                return true;
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError($"Could not mark {GlibcxxWeakPatch.Version} weak in libLibTorchSharp.so: {e.Message}. " +
                             "TorchSharp will not load on this system; see README.md (TorchSharp on Debian 12 / Ubuntu 22.04).");
                return false;
            }
        }
    }
#endif
}
