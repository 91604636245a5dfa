using EnergyGate.Core.Suites.Builder;

namespace EnergyGate.Core.Tests.Suites.Builder;

public sealed class LccLanguageTests
{
    [Theory]
    [InlineData("python", "")]
    [InlineData("python", "   \t ")]
    [InlineData("python", "    # a comment")]
    [InlineData("python", "#!/usr/bin/env python")]
    [InlineData("python", "    )")]
    [InlineData("python", "]")]
    [InlineData("python", "    ],")]
    [InlineData("python", "})")]
    [InlineData("csharp", "}")]
    [InlineData("csharp", "    });")]
    [InlineData("csharp", "};")]
    [InlineData("csharp", "  // note")]
    [InlineData("csharp", "/// <summary>doc</summary>")]
    [InlineData("csharp", "/* block */")]
    [InlineData("csharp", " * middle of a block")]
    [InlineData("csharp", " */")]
    [InlineData("java", "  }")]
    [InlineData("java", "/**")]
    [InlineData("java", "));")]
    public void Blank_comment_and_closing_lines_are_trivial(string language, string line) =>
        Assert.True(LccLanguage.Find(language).IsTrivial(line));

    [Theory]
    [InlineData("python", "    return x")]
    [InlineData("python", "x = y  # trailing comment")]
    [InlineData("python", "    ) -> int:")]
    [InlineData("python", "// not a comment in python")]
    [InlineData("csharp", "} else {")]
    [InlineData("csharp", "return a * b;")]
    [InlineData("csharp", "{")]
    [InlineData("csharp", "# region is not a comment here")]
    [InlineData("csharp", "});x")]
    [InlineData("java", "    }).collect(toList());")]
    public void Code_lines_are_not_trivial(string language, string line) =>
        Assert.False(LccLanguage.Find(language).IsTrivial(line));

    [Fact]
    public void Names_are_found_case_insensitively_and_unknown_ones_listed()
    {
        Assert.Same(LccLanguage.CSharp, LccLanguage.Find("CSharp"));
        Assert.Equal(".java", LccLanguage.Find("java").Extension);

        var error = Assert.Throws<EnergyGateException>(() => LccLanguage.Find("rust"));

        Assert.Equal("unknown language `rust`; valid languages: python, csharp, java", error.Message);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("  \n\t ", 0)]
    [InlineData("def f(x):\n    return x + 1\n", 6)]
    [InlineData("a\u00a0b\u2003c\u001fd\re", 5)]
    public void Words_are_counted_like_python_str_split(string text, int words) =>
        Assert.Equal(words, PythonWords.Count(text));
}
