#pragma once
// Transparent huge pages for the front end's few large, long-lived buffers (a file's text,
// its declarations, the expression arena). Each first touch of a 4 KiB page is a page
// fault, and on a virtual machine a costly one; a 2 MiB page takes one fault for 512 of
// them. Where THP is in `madvise` mode (Debian's default), memory gets huge pages only when
// asked for.
#include <cstddef>

namespace writ::lang {

// A huge page on x86-64; the arena aligns its large chunks to it.
inline constexpr std::size_t kHugePageSize = std::size_t{2} * 1024 * 1024;

// Advises the kernel to back the whole huge pages inside [data, data + size) with huge
// pages. Advice only: on a small buffer, or where the system has no THP, it does nothing,
// and the buffer is faulted in 4 KiB pages as usual. Call it before the buffer is written.
void advise_huge_pages(void* data, std::size_t size);

}  // namespace writ::lang
