package dev.syndicast.core.entity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void absent_parameters_ask_for_the_first_page_of_the_routes_default() {
        assertThat(PageRequest.of(null, null, 200)).isEqualTo(new PageRequest(1, 50));
        assertThat(PageRequest.of(null, null, 20, 100)).isEqualTo(new PageRequest(1, 20));
        assertThat(PageRequest.of(3, 200, 200)).isEqualTo(new PageRequest(3, 200));
    }

    @Test
    void a_page_below_one_or_a_limit_outside_the_routes_range_is_400_with_one_message() {
        assertThatThrownBy(() -> PageRequest.of(1, 201, 200))
                .isInstanceOf(InvalidInputException.class).hasMessage("page must be 1 or more and limit between 1 and 200");
        assertThatThrownBy(() -> PageRequest.of(1, 0, 100))
                .isInstanceOf(InvalidInputException.class).hasMessage("page must be 1 or more and limit between 1 and 100");
        assertThatThrownBy(() -> PageRequest.of(0, 10, 100))
                .isInstanceOf(InvalidInputException.class).hasMessage("page must be 1 or more and limit between 1 and 100");
        assertThatThrownBy(() -> PageRequest.of(-1, null, 100)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.of(1, 101, 20, 100, "page_size"))
                .isInstanceOf(InvalidInputException.class).hasMessage("page must be 1 or more and page_size between 1 and 100");
        assertThatThrownBy(() -> new PageRequest(0, 50)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void the_first_row_counts_whole_pages_before_it() {
        assertThat(new PageRequest(1, 50).firstResult()).isZero();
        assertThat(new PageRequest(3, 50).firstResult()).isEqualTo(100);
        assertThat(new PageRequest(Integer.MAX_VALUE / 100 + 1, 100).firstResult()).isEqualTo(Integer.MAX_VALUE / 100 * 100);
    }

    @Test
    void a_page_far_out_is_422_not_a_negative_offset() {
        assertThatThrownBy(() -> PageRequest.of(Integer.MAX_VALUE, 100, 200))
                .isInstanceOf(FieldRejectedException.class).hasMessageStartingWith("page:")
                .hasMessage("page: must be at most 21474837 at this limit");
        assertThatThrownBy(() -> new PageRequest(Integer.MAX_VALUE / 100 + 2, 100)).isInstanceOf(FieldRejectedException.class);
    }
}
