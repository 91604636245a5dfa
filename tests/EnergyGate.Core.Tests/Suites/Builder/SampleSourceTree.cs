using System.Globalization;
using System.Text;
using EnergyGate.Core.Tests.TestSupport;

namespace EnergyGate.Core.Tests.Suites.Builder;

/// <summary>
/// A temp source tree with files of every language, where blank, comment and closing-bracket lines
/// sit right after long stretches of code, so a cut point often lands next to a line that must be skipped.
/// </summary>
internal sealed class SampleSourceTree : IDisposable
{
    private readonly TempDir _dir = new();

    public SampleSourceTree()
    {
        for (var i = 0; i < 4; i++)
        {
            Write($"pkg/module_{i}.py", Python(30 + (i * 7)));
            Write($"src/App/Service{i}.cs", CurlyBraces(25 + (i * 9), "csharp"));
            Write($"src/main/java/Thing{i}.java", CurlyBraces(28 + (i * 5), "java"));
        }
        Write("top.py", Python(40));
        Write("pkg/short.py", Python(1)); // Under the default 20 lines of context: never a candidate.
        foreach (var skipped in new[] { "bin", "obj", ".git", "node_modules", "__pycache__", ".venv", "pkg/__pycache__" })
        {
            Write($"{skipped}/ignored.py", Python(40));
            Write($"{skipped}/Ignored.cs", CurlyBraces(40, "csharp"));
        }
    }

    public string Root => _dir.Path;

    public string Output(string name) => _dir.File(name);

    public void Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text, new UTF8Encoding(false));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Python with a docstring, comments, blank lines and a multi-line call closed by a lone <c>)</c>.</summary>
    public static string Python(int functions)
    {
        var text = new StringBuilder("\"\"\"Generated module.\"\"\"\n\nimport math\n\n");
        for (var i = 0; i < functions; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""
                # helper number {i}
                def f{i}(x, y):
                    total = x * {i} + y

                    # keep it positive
                    values = [
                        total,
                        math.sqrt(abs(total)),
                    ]
                    return max(values)


                """);
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>C# or Java with line and block comments, and closing lines like <c>}</c>, <c>});</c> and <c>];</c>.</summary>
    public static string CurlyBraces(int methods, string language)
    {
        var text = new StringBuilder(language == "java" ? "package demo;\n\n" : "namespace Demo;\n\n");
        text.Append("/**\n * Generated class.\n */\npublic class Generated\n{\n");
        for (var i = 0; i < methods; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                    // method number {{i}}
                    public int M{{i}}(int x)
                    {
                        /* block comment */
                        /*
                         * a longer one
                         */
                        int y = x + {{i}};
                        run(() -> {
                            y++;
                        });
                        int[] a = {
                            y,
                        };
                        return a[0];
                    }

                """);
            text.Append('\n');
        }
        return text.Append("}\n").ToString();
    }
}
