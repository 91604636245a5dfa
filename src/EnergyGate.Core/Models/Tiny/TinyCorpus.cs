using System.Globalization;
using System.Text;

namespace EnergyGate.Core.Models.Tiny;

/// <summary>
/// The text the tiny tokenizer's merges are learned from: a fixed piece of Python in the style of
/// HumanEval, then generated lines whose names and numbers keep providing new pairs, so any
/// vocabulary size up to 65,536 can be filled (more lines for more tokens).
/// </summary>
internal static class TinyCorpus
{
    private const string Code = """"
        from typing import List, Optional, Tuple


        def has_close_elements(numbers: List[float], threshold: float) -> bool:
            """ Check if in given list of numbers, are any two numbers closer to each other than
            given threshold.
            >>> has_close_elements([1.0, 2.0, 3.0], 0.5)
            False
            """
            for idx, elem in enumerate(numbers):
                for idx2, elem2 in enumerate(numbers):
                    if idx != idx2:
                        distance = abs(elem - elem2)
                        if distance < threshold:
                            return True
            return False


        def separate_paren_groups(paren_string: str) -> List[str]:
            result = []
            current_string = []
            current_depth = 0
            for c in paren_string:
                if c == '(':
                    current_depth += 1
                    current_string.append(c)
                elif c == ')':
                    current_depth -= 1
                    current_string.append(c)
                    if current_depth == 0:
                        result.append(''.join(current_string))
                        current_string.clear()
            return result


        class Stack:
            def __init__(self) -> None:
                self.items: list = []

            def push(self, item) -> None:
                self.items.append(item)

            def pop(self) -> Optional[int]:
                return self.items.pop() if self.items else None

            def __len__(self) -> int:
                return len(self.items)


        def fib(n: int) -> int:
            if n < 2:
                return n
            a, b = 0, 1
            for _ in range(n - 1):
                a, b = b, a + b
            return b


        def rolling_max(numbers: List[int]) -> List[int]:
            running_max = None
            result = []
            for n in numbers:
                running_max = n if running_max is None else max(running_max, n)
                result.append(running_max)
            return result


        def sum_product(numbers: List[int]) -> Tuple[int, int]:
            sum_value, prod_value = 0, 1
            for n in numbers:
                sum_value += n
                prod_value *= n
            return sum_value, prod_value


        if __name__ == "__main__":
            print(fib(10), rolling_max([1, 2, 3, 2, 3, 4, 2]), sum_product([1, 2, 3, 4]))

        """";

    /// <summary>The training text for a vocabulary of <paramref name="tokenCount"/> tokens.</summary>
    public static string For(int tokenCount)
    {
        var text = new StringBuilder(Code);
        string[] verbs = ["compute", "parse", "check", "filter", "count", "sort", "merge", "split"];
        string[] nouns = ["value", "items", "total", "index", "result", "name", "size", "key"];
        for (int i = 0; i < tokenCount; i++)
        {
            // Distinct numbers and identifiers give every line new byte pairs to merge.
            text.Append(CultureInfo.InvariantCulture,
                $"    {nouns[i % 8]}_{i} = {verbs[i / 8 % 8]}_{nouns[i / 64 % 8]}({nouns[(i + 3) % 8]}[{i % 97}], {i * 7919 % 100003})\n");
        }

        return text.ToString();
    }
}
